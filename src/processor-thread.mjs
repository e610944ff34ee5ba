// Entry of the processor thread started by src/main.ts: worker threads do not inherit tsx's loader, so register it here.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./processor.ts', import.meta.url).href);
