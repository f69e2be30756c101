// Orrery's test app: a stand-in for a Meteor server in integration tests and benchmarks.
// No npm dependencies. Environment:
//   PORT          port to listen on (default 3000)
//   HOST          address to bind (default 0.0.0.0)
//   SERVER        this server's name, echoed in every answer (default: the host name)
//   VERSION       the release, echoed in every answer (default "0")
//   HEALTH_FAIL   "1" makes /health answer 503
//   HEALTH_FILE   if set and the file exists, /health answers 503 (flip it at run time)
//   DELAY_MS      answer every request but /health this many ms late (work in flight, like a Meteor method)
// Every answer carries X-Server and X-Version headers and a body "SERVER VERSION METHOD PATH".
// /ws (or any path with "Upgrade: websocket") speaks RFC 6455, DDP-like: sends "hello SERVER VERSION",
// a text {"msg":"ping"} every WS_PING_MS (default 0: none), and echoes text frames back. On SIGTERM it
// closes every WebSocket (1001 "going away"), spread over WS_CLOSE_SPREAD_MS (default 0: at once),
// and exits once they and the HTTP connections are gone.
'use strict';
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');

const PORT = parseInt(process.env.PORT || '3000', 10);
const HOST = process.env.HOST || '0.0.0.0';
const SERVER = process.env.SERVER || os.hostname();
const VERSION = process.env.VERSION || '0';
const DELAY_MS = parseInt(process.env.DELAY_MS || '0', 10);
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const WS_PING_MS = parseInt(process.env.WS_PING_MS || '0', 10);
const WS_CLOSE_SPREAD_MS = parseInt(process.env.WS_CLOSE_SPREAD_MS || '0', 10);
const sockets = new Set();

function healthy() {
  if (process.env.HEALTH_FAIL === '1') return false;
  if (process.env.HEALTH_FILE && fs.existsSync(process.env.HEALTH_FILE)) return false;
  return true;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    let status = 200;
    let text = `${SERVER} ${VERSION} ${req.method} ${req.url}`;
    if (req.url.split('?')[0] === '/health') {
      status = healthy() ? 200 : 503;
      text = `${SERVER} ${VERSION} ${status === 200 ? 'healthy' : 'unhealthy'}`;
    } else if (req.method === 'POST') {
      text += ` ${body.length}`;
    }
    const xff = req.headers['x-forwarded-for'];
    const delay = req.url.split('?')[0] === '/health' ? 0 : DELAY_MS;
    setTimeout(() => answer(res, status, text, xff, req), delay);
  });
});

function answer(res, status, text, xff, req) {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Server': SERVER,
      'X-Version': VERSION,
      'X-Seen-Forwarded-For': xff || '',
      'X-Seen-Forwarded-Proto': req.headers['x-forwarded-proto'] || '',
      'Content-Length': Buffer.byteLength(text + '\n'),
    });
    res.end(text + '\n');
}
server.keepAliveTimeout = 65000;

// Minimal RFC 6455 server: handshake, unmasking, text/close/ping frames, echo.
server.on('upgrade', (req, socket) => {
  const key = req.headers['sec-websocket-key'];
  if (!key || (req.headers.upgrade || '').toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    return;
  }
  const accept = crypto.createHash('sha1').update(key + WS_GUID).digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + `Sec-WebSocket-Accept: ${accept}\r\nX-Server: ${SERVER}\r\nX-Version: ${VERSION}\r\n\r\n`);
  sendFrame(socket, 0x1, Buffer.from(`hello ${SERVER} ${VERSION}`));
  sockets.add(socket);
  const ping = WS_PING_MS > 0 ? setInterval(() => sendFrame(socket, 0x1, Buffer.from('{"msg":"ping"}')), WS_PING_MS) : null;
  socket.on('close', () => { if (ping) clearInterval(ping); sockets.delete(socket); });
  let buf = Buffer.alloc(0);
  socket.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const f = parseFrame(buf);
      if (!f) break;
      buf = buf.subarray(f.length);
      if (f.opcode === 0x8) { sendFrame(socket, 0x8, Buffer.alloc(0)); socket.end(); return; }
      if (f.opcode === 0x9) { sendFrame(socket, 0xA, f.payload); continue; }
      if (f.opcode === 0x1) sendFrame(socket, 0x1, Buffer.from(`${SERVER} ${f.payload.toString('utf8')}`));
    }
  });
  socket.on('error', () => socket.destroy());
});

function parseFrame(buf) {
  if (buf.length < 2) return null;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let len = buf[1] & 0x7f;
  let off = 2;
  if (len === 126) { if (buf.length < 4) return null; len = buf.readUInt16BE(2); off = 4; }
  else if (len === 127) { if (buf.length < 10) return null; len = Number(buf.readBigUInt64BE(2)); off = 10; }
  const maskLen = masked ? 4 : 0;
  if (buf.length < off + maskLen + len) return null;
  const payload = Buffer.from(buf.subarray(off + maskLen, off + maskLen + len));
  if (masked) {
    const mask = buf.subarray(off, off + 4);
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
  }
  return { opcode, payload, length: off + maskLen + len };
}

function sendFrame(socket, opcode, payload) {
  let header;
  if (payload.length < 126) { header = Buffer.from([0x80 | opcode, payload.length]); }
  else if (payload.length < 65536) { header = Buffer.alloc(4); header[0] = 0x80 | opcode; header[1] = 126; header.writeUInt16BE(payload.length, 2); }
  else { header = Buffer.alloc(10); header[0] = 0x80 | opcode; header[1] = 127; header.writeBigUInt64BE(BigInt(payload.length), 2); }
  if (!socket.destroyed && socket.writable) socket.write(Buffer.concat([header, payload]));
}

function goingAway(socket) {
  const code = Buffer.alloc(2);
  code.writeUInt16BE(1001, 0);
  sendFrame(socket, 0x8, code);
  socket.end();
  setTimeout(() => socket.destroy(), 2000).unref();
}

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  const all = [...sockets];
  all.forEach((socket, i) => {
    const at = all.length > 1 ? Math.floor(WS_CLOSE_SPREAD_MS * i / (all.length - 1)) : 0;
    if (at === 0) goingAway(socket); else setTimeout(() => goingAway(socket), at);
  });
});
server.listen(PORT, HOST, () => console.log(`testapp ${SERVER} ${VERSION} listening on ${HOST}:${PORT}`));
