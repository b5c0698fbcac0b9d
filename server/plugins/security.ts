// Security headers (helmet) with a strict Content-Security-Policy: scripts only from this server (no
// inline script), MapLibre's worker from a blob, images from here, data: and blob: (map and chart
// downloads), no frame, no other origin. Styles allow inline because React and the charts set style
// attributes and the offline snapshot page carries its CSS inline. No CORS: a browser on another
// origin cannot read any answer (nothing sets Access-Control-Allow-Origin).
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

const securityPlugin: FastifyPluginAsync = async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // The API docs page (/docs, swagger-ui) sets its own policy for its static files.
    crossOriginEmbedderPolicy: false,
  });
};

export default fp(securityPlugin, { name: 'security' });
