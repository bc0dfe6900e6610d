// IPC channel names shared by the preload and the main process (renderer → main, main → renderer).
export const IPC_SEND = 'edgelab:send';
export const IPC_MESSAGE = 'edgelab:message';
