import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/** A ustar header block: what GitHub's tarball endpoint sends before each file. */
function tarHeader(name: string, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write('        ', 148);
  block.write('0', 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

/**
 * A GitHub API on 127.0.0.1, just enough for Backstage's GithubUrlReader.readTree: the commit
 * status (sha and archive URL) and a tarball generated while it is sent, `files` markdown files
 * of `fileBytes` each under `specs/`. Counts the files it generated and whether the client hung
 * up before the end (`tarballDone` tells when the server saw the response end), so a test can
 * see a read stop the download rather than the whole archive arriving.
 */
export async function startLoopbackGithub(options: {
  files: number;
  fileBytes: number;
}) {
  const stats = { generated: 0, closedEarly: false, tarballs: 0 };
  let tarballClosed!: () => void;
  /** Resolves once the tarball response is over, sent in full or cut off by the client. */
  const tarballDone = new Promise<void>(resolve => {
    tarballClosed = resolve;
  });
  const server = http.createServer((req, res) => {
    const base = `http://${req.headers.host}/api`;
    if (req.url?.startsWith('/api/repos/acme/big/commits/main/status')) {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          sha: 'abc123',
          repository: {
            archive_url: `${base}/repos/acme/big/{archive_format}{/ref}`,
          },
        }),
      );
      return;
    }
    if (req.url === '/api/repos/acme/big/tarball/abc123') {
      stats.tarballs += 1;
      const data = Buffer.alloc(
        Math.ceil(options.fileBytes / 512) * 512,
        0x78,
      ).fill(0, options.fileBytes);
      let next = 0;
      const body = new Readable({
        read() {
          while (next < options.files) {
            const name = `acme-big-abc123/specs/SPEC-${next}.md`;
            next += 1;
            stats.generated += 1;
            if (
              !this.push(
                Buffer.concat([tarHeader(name, options.fileBytes), data]),
              )
            ) {
              return;
            }
          }
          this.push(Buffer.alloc(1024));
          this.push(null);
        },
      });
      res.on('close', () => {
        stats.closedEarly = next < options.files;
        body.destroy();
        tarballClosed();
      });
      res.setHeader('content-type', 'application/x-tar');
      body.pipe(res);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    apiBaseUrl: `http://127.0.0.1:${port}/api`,
    stats,
    tarballDone,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
