/** The API's version in /openapi.json. */
export const serverVersion = '0.1.0';
