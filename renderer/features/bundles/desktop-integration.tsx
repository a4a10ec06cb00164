/**
 * How bundle files reach the app, wherever the user is: a file the operating
 * system handed over (double click on a .sspan, "Open with": pulled at start
 * and on the `pending-open` menu command, then opened in auditor mode), the
 * native File > Open menu, and a .sspan dropped anywhere on the window (a drop
 * zone of another screen that handles its own drop wins). An auditor's
 * response (.sspan-response) comes in the same ways.
 */
import { FILE_LIMITS } from '../../../shared/ipc/file-limits';
import { readLocalFile } from '../../platform/file-refusal';
import { useEffect } from 'react';
import { BUNDLE_EXTENSION, RESPONSE_EXTENSION } from '../../../shared/bundle';
import { usePlatform } from '../../platform/platform-context';
import type { OpenedFile, Platform } from '../../platform/platform';
import { useUiStore } from '../../state/ui-store';
import { isBundleFileName, messageOf, OPEN_FILTERS } from './common';
import { useBundleOpenStore, type OfferedFile } from './open-store';

export function offerBundle(file: OpenedFile, intent: OfferedFile['intent']): void {
  useBundleOpenStore.getState().offer({ name: file.name, bytes: file.bytes, intent });
  const { route, navigate } = useUiStore.getState();
  if (route.area !== 'bundles' || route.auditId) navigate({ area: 'bundles' });
}

/** The platform's Open dialog for a bundle; the chosen file is verified on the Bundles screen. */
export async function openBundleWithDialog(platform: Platform): Promise<void> {
  try {
    const file = await platform.openFile({ title: 'Open a bundle', filters: OPEN_FILTERS, maxBytes: FILE_LIMITS.bundle, kind: 'bundle' });
    if (file) offerBundle(file, 'choose');
  } catch (e) {
    useUiStore.getState().pushNotice({ kind: 'error', message: `Could not open the file: ${messageOf(e)}` });
  }
}

async function takePending(platform: Platform): Promise<void> {
  try {
    const file = await platform.pendingOpen();
    if (file) offerBundle(file, 'audit');
  } catch (e) {
    useUiStore.getState().pushNotice({ kind: 'error', message: `Could not read the file handed to Supportspan: ${messageOf(e)}` });
  }
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function BundleFileIntake() {
  const platform = usePlatform();

  useEffect(() => {
    void takePending(platform);
    return platform.onMenuCommand((command) => {
      if (command === 'pending-open') void takePending(platform);
      else if (command === 'open-file') void openBundleWithDialog(platform);
    });
  }, [platform]);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.defaultPrevented || !hasFiles(event)) return;
      // Without this the browser would navigate to the dropped file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (event.defaultPrevented || !hasFiles(event)) return;
      event.preventDefault();
      const file = Array.from(event.dataTransfer?.files ?? [])[0];
      if (!file) return;
      if (!isBundleFileName(file.name)) {
        useUiStore.getState().pushNotice({ kind: 'warning', message: `${file.name} is not a Supportspan bundle (${BUNDLE_EXTENSION}) or auditor response (${RESPONSE_EXTENSION}). Spreadsheets and CycloneDX files are imported on the Import & export screen.` });
        return;
      }
      readLocalFile(file, FILE_LIMITS.bundle, 'bundle').then(
        (opened) => offerBundle(opened, 'choose'),
        (e: unknown) => useUiStore.getState().pushNotice({ kind: 'error', message: `Could not read ${file.name}: ${messageOf(e)}` }),
      );
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return null;
}
