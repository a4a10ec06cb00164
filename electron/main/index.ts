/**
 * Entry point of the main process (bundled to dist/electron/main.cjs). The only file
 * that imports Electron at run time; everything else receives it from here.
 */
import * as path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { createMain } from './create-main';

createMain({
  app,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  Menu,
  dialog,
  shell,
  safeStorage,
  paths: {
    rendererRoot: path.join(__dirname, '..', 'renderer'),
    preload: path.join(__dirname, 'preload.cjs'),
  },
});
