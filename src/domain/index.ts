export * from './ids.js';
export * from './errors.js';
export * from './logger.js';
export * from './password-policy.js';
