import { describe, expect, it } from 'vitest';
import { endOfLifeUrl, fetchEndOfLifeInBrowser, MAX_ENDOFLIFE_BYTES } from '../../../renderer/interop/endoflife-refresh';

const respond = (body: BodyInit | null, init: ResponseInit = {}): typeof fetch => async () => new Response(body, init);

describe('refresh from endoflife.date', () => {
  it('builds only endoflife.date API URLs from a strict product id', () => {
    expect(endOfLifeUrl('linux')).toBe('https://endoflife.date/api/linux.json');
    expect(endOfLifeUrl('red-hat-openshift')).toBe('https://endoflife.date/api/red-hat-openshift.json');
    for (const bad of ['../x', 'a/b', 'Linux', 'x?y=1', '', 'a b', `x${'y'.repeat(70)}`, 'linux.json#', '@evil.example']) {
      expect(() => endOfLifeUrl(bad)).toThrow(/not an endoflife.date product id/);
    }
  });

  it('asks for exactly that URL without credentials or redirects', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fetcher = (async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response('[]');
    }) as typeof fetch;
    const result = await fetchEndOfLifeInBrowser('openssl', fetcher);
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('https://endoflife.date/api/openssl.json');
    expect(calls[0]![1]).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });

  it('refuses oversize answers, reports 404 and no network clearly', async () => {
    const big = new Uint8Array(MAX_ENDOFLIFE_BYTES + 1);
    expect(await fetchEndOfLifeInBrowser('linux', respond(big))).toEqual({ ok: false, error: 'the answer is larger than 2 MB; not read' });
    expect(await fetchEndOfLifeInBrowser('nosuch', respond('no', { status: 404 }))).toEqual({ ok: false, error: 'endoflife.date has no product "nosuch"' });
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch;
    const result = await fetchEndOfLifeInBrowser('linux', offline);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^no connection to endoflife.date \(Failed to fetch\)\. Everything else works offline/);
    expect(await fetchEndOfLifeInBrowser('../etc', offline)).toMatchObject({ ok: false, error: expect.stringMatching(/not an endoflife.date product id/) });
  });

  it('stops reading an answer without a declared size the moment it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await fetchEndOfLifeInBrowser('linux', respond(endless))).toEqual({ ok: false, error: 'the answer is larger than 2 MB; not read' });
    // 2 MB in 64 KiB chunks is 33 chunks; the stream's queue may have pulled a few more, never the whole "file"
    expect(pulled).toBeGreaterThan(32);
    expect(pulled).toBeLessThan(40);
  });
});
