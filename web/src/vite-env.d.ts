// Vite's client types (import.meta.glob, asset imports) for the web app, and the GeoJSON namespace
// that MapLibre's types name.
/// <reference types="vite/client" />
/// <reference types="geojson" />
