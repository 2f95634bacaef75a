export * from './berlin-time.js';
export * from './spikes.js';
