// A minimal reference relay for the load comparison in BENCHMARKS.md, built on the `ws` package: agents send
// JSON events to /ws/agent, overlays subscribe with /ws/overlay?rep=NAME, and each event goes to the overlays of
// its call's rep. No storage, no acknowledgement, no access control: the bare fan-out.
"use strict";
const http = require("http");
const { WebSocketServer } = require("ws");

const port = Number(process.argv[2] || 0);
const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const agents = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
const overlays = new WebSocketServer({ noServer: true });
const watchers = new Map(); // rep -> Set of sockets
const repOfCall = new Map(); // callId -> rep

server.on("upgrade", (req, socket, head) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/ws/agent") {
    agents.handleUpgrade(req, socket, head, ws => agents.emit("connection", ws));
  } else if (url.pathname === "/ws/overlay" && url.searchParams.get("rep")) {
    overlays.handleUpgrade(req, socket, head, ws => overlays.emit("connection", ws, url.searchParams.get("rep")));
  } else {
    socket.destroy();
  }
});

agents.on("connection", ws => {
  ws.on("message", data => {
    let event;
    try { event = JSON.parse(data); } catch (e) { return; }
    if (event.type === "call_started") repOfCall.set(event.callId, event.data.rep);
    const rep = repOfCall.get(event.callId);
    const set = rep && watchers.get(rep);
    if (!set) return;
    const text = data.toString();
    for (const w of set) if (w.bufferedAmount < 64 * 1024) w.send(text);
  });
});

overlays.on("connection", (ws, rep) => {
  if (!watchers.has(rep)) watchers.set(rep, new Set());
  watchers.get(rep).add(ws);
  ws.on("close", () => watchers.get(rep).delete(ws));
});

server.listen(port, "127.0.0.1", () => console.log("relay: ws://127.0.0.1:" + server.address().port + " pid " + process.pid));
