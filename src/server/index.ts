// What src/server offers the other stages; they import it only through this file.
export { startServer } from './serve.ts';
