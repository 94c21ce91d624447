// Entente's graph view, served (`entente serve`): view.js asks this page's own server for the
// graph a piece at a time — the strongest edges, a search, an entity's neighbourhood, an
// edge's evidence — instead of reading it from the page. Nothing else is asked for (the
// page's Content-Security-Policy allows its own origin only).
"use strict";
window.ententeServer = {
  async get(path, params = {}) {
    const query = Object.entries(params).map(([k, v]) => k + "=" + encodeURIComponent(v)).join("&");
    const response = await fetch(path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  },
};
