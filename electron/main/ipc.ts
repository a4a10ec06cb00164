/**
 * IPC handlers for every channel of the contract. Each request is checked twice before
 * any work: the sender frame must be the app's own page (app://supportspan), and the
 * payload must match the channel's schema exactly. The handler's answer is validated
 * against the response schema too, so the renderer only ever receives contract data.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels, type ChannelKey, type Request, type Response } from '../../shared/ipc/contract';
import { describeIssues } from '../../shared/domain/schemas';
import { isAppUrl } from './url-policy';

export interface HandlerContext {
  sender: WebContents;
}

export type ChannelHandlers = {
  [K in ChannelKey]: (ctx: HandlerContext, ...args: Request<K>) => Promise<Response<K>> | Response<K>;
};

type SenderLike = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Only the app's own page may call the main process; a destroyed frame may not either. */
export function senderRejection(event: SenderLike): string | null {
  let frame: { url: string } | null;
  try {
    frame = event.senderFrame;
  } catch {
    frame = null;
  }
  if (!frame) return 'the sending frame is gone';
  if (!isAppUrl(frame.url)) return "the request did not come from the app's own page";
  return null;
}

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: ChannelHandlers,
  log: (message: string) => void = () => undefined,
): void {
  for (const key of Object.keys(channels) as ChannelKey[]) {
    const channel = channels[key];
    ipcMain.handle(channel.name, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const refused = senderRejection(event);
      if (refused) {
        log(`${channel.name}: refused: ${refused}`);
        throw new Error(`${channel.name}: refused: ${refused}`);
      }
      const request = channel.request.safeParse(args);
      if (!request.success) {
        throw new Error(`${channel.name}: invalid request: ${describeIssues(request.error, 'args').join('; ')}`);
      }
      const handler = handlers[key] as (ctx: HandlerContext, ...a: unknown[]) => unknown;
      const result = await handler({ sender: event.sender }, ...(request.data as unknown[]));
      const response = channel.response.safeParse(result);
      if (!response.success) {
        throw new Error(`${channel.name}: invalid response: ${describeIssues(response.error).join('; ')}`);
      }
      return response.data;
    });
  }
}
