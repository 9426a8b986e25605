import { expect, test } from './fixtures';

// Bad input gets a 4xx and a message, never a 500: these requests are what a broken
// client or a prober sends, straight to the real server.

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

test('a server function called with malformed arguments answers 400', async ({ request }) => {
  for (const data of ['form=notastruct', 'form%5Bfirst_name%5D%5Bx%5D=1', '']) {
    const response = await request.post('/api/register', { headers: form, data });
    expect(response.status(), `body ${JSON.stringify(data)}`).toBe(400);
  }
  const noPortal = await request.post('/api/log_in', { headers: form, data: 'form%5Bemail%5D=a' });
  expect(noPortal.status()).toBe(400);
});

test('a form posted with a malformed body gets the form back with a 400 and a message', async ({ request }) => {
  const response = await request.post('/csp/register', {
    headers: form,
    data: 'form%5Bfirst_name%5D%5Bx%5D=1',
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('The form could not be read. Please fill it in again.');
});

test('an oversized body is refused with 413', async ({ request }) => {
  const data = 'form%5Bfirst_name%5D=' + 'a'.repeat(200_000);
  for (const path of ['/csp/register', '/api/register']) {
    const response = await request.post(path, { headers: form, data });
    expect(response.status(), path).toBe(413);
    expect(await response.text(), path).toContain('The form is too large');
  }
});

test('a registration with a forged security check is refused on its field', async ({ request }) => {
  const data = new URLSearchParams({
    'form[first_name]': 'Mallory',
    'form[last_name]': 'Bot',
    'form[email]': 'mallory@example.com',
    'form[password]': 'correct horse battery',
    'form[confirm_password]': 'correct horse battery',
    'form[security_code]': 'on',
    'form[captcha_token]': 'forged.token',
    'form[captcha_solution]': '1',
    'form[consent]': 'on',
  }).toString();
  const response = await request.post('/csp/register', { headers: form, data });
  expect(response.status()).toBe(422);
  expect(await response.text()).toContain('The security check did not load properly');
});

test('the dev mailbox is off when an SMTP server is configured', async ({ request }) => {
  const response = await request.get('/dev/mailbox');
  expect(response.status()).toBe(404);
});

test('a form posted from another site is refused, whatever its cookies', async ({ page, request }) => {
  // What a cross-site page's form sends: its own origin, or the browser's fetch metadata.
  for (const headers of [
    { ...form, Origin: 'https://evil.example' },
    { ...form, 'Sec-Fetch-Site': 'cross-site' },
    { ...form, 'Sec-Fetch-Site': 'same-site' },
  ]) {
    for (const path of ['/csp/log-in', '/api/log_in']) {
      const response = await request.post(path, { headers, data: 'form%5Bemail%5D=a%40b.co' });
      expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(403);
    }
  }
  // A real browser posting from a page that is not this site's.
  await page.setContent(
    `<form method="post" action="http://localhost:3100/csp/log-in">
       <input name="form[email]" value="mallory@example.com">
       <input name="form[password]" value="correct horse battery staple">
       <button>Go</button>
     </form>`,
  );
  const [response] = await Promise.all([
    page.waitForResponse('**/csp/log-in'),
    page.getByRole('button', { name: 'Go' }).click(),
  ]);
  expect(response.status()).toBe(403);
});

test('malformed passkey answers get a 400 and a message, never a 500', async ({ request }) => {
  const json = { 'Content-Type': 'application/json', Origin: 'http://localhost:3100' };
  for (const credential of ['', 'not json', '{"id":"x","rawId":"!!","type":"public-key","response":{}}']) {
    const response = await request.post('/api/passkey_log_in_finish', {
      headers: json,
      data: JSON.stringify({ portal: 'Csp', credential, next: '' }),
    });
    expect(response.status(), credential).toBe(400);
    expect((await response.json()).message).toMatch(/\w/);
  }
  const unreadable = await request.post('/api/passkey_second_factor_finish', { headers: json, data: '{"portal": 7' });
  expect(unreadable.status()).toBe(400);
  // A second step that was never started: log in again.
  const noLogIn = await request.post('/api/passkey_second_factor_start', { headers: json, data: '{}' });
  expect(noLogIn.status()).toBe(400);
  expect((await noLogIn.json()).message).toContain('Log in again');
  // Codes of the wrong shape, posted to the second step's page: the message on the field, 4xx.
  for (const code of ['12ab56', '1234567']) {
    const response = await request.post('/csp/log-in/second-factor', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3100' },
      data: `form%5Bcode%5D=${code}`,
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
  }
});
