import { describe, expect, it } from 'vitest';
import { findBundleArg, pinnedUserDataPath } from '../../electron/main/instance';

describe('findBundleArg', () => {
  it('finds the last .sspan path and resolves it against the working directory', () => {
    expect(findBundleArg(['/usr/bin/supportspan', 'a.sspan', '/abs/b.SSPAN'], '/home/u')).toBe('/abs/b.SSPAN');
    expect(findBundleArg(['/usr/bin/supportspan', 'exports/a.sspan'], '/home/u')).toBe('/home/u/exports/a.sspan');
  });

  it('also finds an auditor response (.sspan-response)', () => {
    expect(findBundleArg(['/usr/bin/supportspan', 'a.sspan', 'back/line-response.SSPAN-RESPONSE'], '/home/u')).toBe('/home/u/back/line-response.SSPAN-RESPONSE');
    expect(findBundleArg(['exe', '.sspan-response', 'a.sspan-response.zip'], '/')).toBeNull();
  });

  it('ignores the executable, switches and other files', () => {
    expect(findBundleArg(['/opt/x.sspan'], '/')).toBeNull();
    expect(findBundleArg(['exe', '--open=x.sspan', '-x.sspan', '.', 'notes.txt', '.sspan', 'a.sspan.zip'], '/')).toBeNull();
    expect(findBundleArg(['exe', 'bad\0.sspan'], '/')).toBeNull();
  });
});

describe('pinnedUserDataPath', () => {
  it('is appData/Supportspan whatever the product is called', () => {
    expect(pinnedUserDataPath('/home/u/.config')).toBe('/home/u/.config/Supportspan');
  });
});
