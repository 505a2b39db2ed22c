"""Web UI: server-rendered pages, own CSS/JS and vendored Leaflet; no CDN, works offline."""
