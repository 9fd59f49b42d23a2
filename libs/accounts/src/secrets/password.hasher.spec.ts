import { hashPassword, verifyPassword } from './password.hasher';

describe('password hasher', () => {
  it('encodes scrypt with its parameters, salt and hash', async () => {
    const encoded = await hashPassword('correct horse battery staple');
    expect(encoded).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(encoded).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword('correct horse battery staple');
    await expect(verifyPassword('correct horse battery staple', encoded)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', encoded)).resolves.toBe(false);
    await expect(verifyPassword('', encoded)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    await expect(verifyPassword('same password', second)).resolves.toBe(true);
  });

  it('reads the parameters from the stored hash', async () => {
    const encoded = await hashPassword('parameters travel');
    const [, , , , salt, hash] = encoded.split('$');
    // Same salt and hash but a different N: a different key, so it must not verify.
    await expect(verifyPassword('parameters travel', `scrypt$1024$8$1$${salt}$${hash}`)).resolves.toBe(false);
  });

  it('treats malformed hashes as a failed verification', async () => {
    for (const bad of [
      '',
      'plain',
      'bcrypt$1$2$3$4$5',
      'scrypt$1000$8$1$c2FsdA$aGFzaA',
      'scrypt$16384$8$1$$aGFzaA',
      'scrypt$x$8$1$c2FsdA$aGFzaA',
    ]) {
      await expect(verifyPassword('anything', bad)).resolves.toBe(false);
    }
  });
});
