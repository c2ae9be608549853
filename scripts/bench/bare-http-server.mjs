// The floor for section 4 of the benchmark: a bare node:http server on PORT answering a small JSON
// body, to tell this machine's latency (scheduling, loopback) from Vigie's.
import { createServer } from 'node:http';

createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"status":"ok"}');
}).listen(Number(process.env.PORT), '127.0.0.1');
