import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryPlatform, PlatformProvider, type MemoryPlatform } from '../../../renderer/platform';

export function renderWithPlatform(ui: ReactElement): ReturnType<typeof render> & { platform: MemoryPlatform } {
  const platform = createMemoryPlatform();
  const result = render(<PlatformProvider platform={platform}>{ui}</PlatformProvider>);
  return { ...result, platform };
}

/** Parses an exported SVG the way a viewer would; throws with the parser's message when it is not well-formed. */
export function parseSvg(bytes: Uint8Array): Document {
  const text = new TextDecoder().decode(bytes);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`not well-formed: ${err.textContent}`);
  return doc;
}
