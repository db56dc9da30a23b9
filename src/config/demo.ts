/**
 * The password of every demo account in the backend-free demo (mock mode). The mock API signs in with
 * it and the sign-in page shows it, so a visitor can try each role. The real server never uses it: its
 * demo accounts get DEMO_PASSWORD or random passwords.
 */
export const MOCK_DEMO_PASSWORD = 'nanan-demo-2024'
