/**
 * The server's entry. React's packages choose their production or development build by NODE_ENV when they
 * are first loaded, and the server draws pages with React (decision 57): NODE_ENV is settled before the
 * server and React are loaded. A development build is three to four times slower to render.
 */
process.env.NODE_ENV ??= 'production'
await import('./start')
