/** Console sessions last a working day; signing in again is cheap and a stolen cookie ages out. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
export const SESSION_COOKIE = 'tributary_session';
