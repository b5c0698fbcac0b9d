// Vite's client types (import.meta.glob, asset imports) for the web app.
/// <reference types="vite/client" />
/// <reference types="geojson" />
