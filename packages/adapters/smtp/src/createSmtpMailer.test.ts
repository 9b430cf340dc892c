import type { AddressInfo } from 'node:net';
import { defaultMailTemplates } from '@monban/core';
import type { MailMessage } from '@monban/core/ports';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from './createSmtpMailer.js';

interface Received {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps what arrives. */
async function startServer(
  behaviour: { refuseData?: boolean; refuseRecipient?: boolean; auth?: boolean } = {},
) {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: behaviour.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !behaviour.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'monban' && auth.password === 'secret') {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (behaviour.refuseRecipient) {
        const error = new Error('No such user') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (behaviour.refuseData) {
          const error = new Error('Message rejected as spam') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((mail) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              mail,
              raw,
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(behaviour: Parameters<typeof startServer>[0] = {}, pool = false) {
  const server = await startServer(behaviour);
  cleanups.push(server.close);
  const mailer = createSmtpMailer({
    host: '127.0.0.1',
    port: server.port,
    secure: false,
    from: { name: 'Monban ポータル', address: 'no-reply@portal.example.jp' },
    pool,
    ...(behaviour.auth ? { auth: { user: 'monban', pass: 'secret' } } : {}),
    connectionTimeoutMs: 2000,
    greetingTimeoutMs: 2000,
    socketTimeoutMs: 5000,
  });
  cleanups.push(() => mailer.close());
  return { server, mailer };
}

const otpMail = (): MailMessage => ({
  ...defaultMailTemplates.emailOtp(
    { tenantName: '味の素健康保険組合', code: '048213', validMinutes: 5 },
    'ja',
  ),
  to: 'taro.yamada@example.jp',
  tag: 'email-otp',
});

const LINK = 'https://portal.example.jp/auth/verify-email?token=AbC_dEf-123456789012345';

describe('createSmtpMailer against a real SMTP server on 127.0.0.1', () => {
  it('delivers one mail to exactly one recipient with the sender, subject and both parts', async () => {
    const { server, mailer } = await setup();
    await mailer.send(otpMail());
    expect(server.received).toHaveLength(1);
    const [got] = server.received as [Received];
    expect(got.envelope.to).toEqual(['taro.yamada@example.jp']);
    expect(got.envelope.from).toBe('no-reply@portal.example.jp');
    const to = Array.isArray(got.mail.to) ? got.mail.to : [got.mail.to];
    expect(to.flatMap((t) => t?.value ?? []).map((a) => a.address)).toEqual([
      'taro.yamada@example.jp',
    ]);
    expect(got.mail.cc).toBeUndefined();
    expect(got.mail.bcc).toBeUndefined();
    expect(got.mail.from?.value).toEqual([
      { name: 'Monban ポータル', address: 'no-reply@portal.example.jp' },
    ]);
    // Japanese intact in the subject (an encoded header on the wire) and in both parts.
    expect(got.mail.subject).toBe('【味の素健康保険組合】ワンタイムパスワードのお知らせ');
    expect(got.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(got.mail.text).toContain('048213');
    expect(got.mail.text).toContain('味の素健康保険組合にログインするためのワンタイムパスワード');
    expect(got.mail.html).toContain('048213');
    expect(got.mail.html).toContain('ワンタイムパスワード');
    expect(got.mail.headers.get('x-monban-tag')).toBe('email-otp');
  });

  it('carries a link in both parts (verify-email), UTF-8 intact', async () => {
    const { server, mailer } = await setup({ auth: true }, true);
    await mailer.send({
      ...defaultMailTemplates.verifyEmail(
        { tenantName: '近畿電子健康保険組合', link: LINK, validMinutes: 60 },
        'ja',
      ),
      to: 'hanako@example.jp',
      tag: 'verify-email',
    });
    const [got] = server.received as [Received];
    expect(got.mail.subject).toBe('【近畿電子健康保険組合】メールアドレスの確認');
    expect(got.mail.text).toContain(LINK);
    expect(got.mail.html).toContain(`href="${LINK}"`);
    expect(got.mail.text).toContain('元の画面に戻り');
  });

  it('reuses pooled connections for several mails', async () => {
    const { server, mailer } = await setup({}, true);
    await Promise.all(
      ['a@example.jp', 'b@example.jp', 'c@example.jp'].map((to) =>
        mailer.send({ ...otpMail(), to }),
      ),
    );
    expect(server.received.map((r) => r.envelope.to[0]).sort()).toEqual([
      'a@example.jp',
      'b@example.jp',
      'c@example.jp',
    ]);
  });

  it('refuses anything but one recipient with a TypeError, before connecting', async () => {
    const { server, mailer } = await setup();
    for (const to of [
      'a@example.jp, b@example.jp',
      'a@example.jp;b@example.jp',
      'a@example.jp\r\nBcc: c@example.jp',
      'Taro <a@example.jp>',
      '',
      'not-an-address',
    ]) {
      await expect(mailer.send({ ...otpMail(), to })).rejects.toThrow(TypeError);
    }
    await expect(mailer.send({ ...otpMail(), subject: 'a\r\nBcc: x@y' })).rejects.toThrow(
      TypeError,
    );
    expect(server.received).toHaveLength(0);
  });

  it('server down: MAIL_UNAVAILABLE with the cause', async () => {
    const server = await startServer();
    await server.close();
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      from: { address: 'no-reply@portal.example.jp' },
      connectionTimeoutMs: 1000,
    });
    cleanups.push(() => mailer.close());
    const error = await mailer.send(otpMail()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MonbanError', code: 'MAIL_UNAVAILABLE' });
    expect((error as Error).cause).toBeInstanceOf(Error);
    await expect(mailer.verify()).rejects.toMatchObject({ code: 'MAIL_UNAVAILABLE' });
  });

  it('server refusing the message (550 after DATA): MAIL_UNAVAILABLE', async () => {
    const { server, mailer } = await setup({ refuseData: true });
    await expect(mailer.send(otpMail())).rejects.toMatchObject({ code: 'MAIL_UNAVAILABLE' });
    expect(server.received).toHaveLength(0);
  });

  it('server refusing the recipient (550): MAIL_UNAVAILABLE', async () => {
    const { mailer } = await setup({ refuseRecipient: true });
    await expect(mailer.send(otpMail())).rejects.toMatchObject({ code: 'MAIL_UNAVAILABLE' });
  });

  it('wrong SMTP password: MAIL_UNAVAILABLE', async () => {
    const server = await startServer({ auth: true });
    cleanups.push(server.close);
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      auth: { user: 'monban', pass: 'wrong' },
      from: { address: 'no-reply@portal.example.jp' },
    });
    cleanups.push(() => mailer.close());
    await expect(mailer.send(otpMail())).rejects.toMatchObject({ code: 'MAIL_UNAVAILABLE' });
    expect(server.received).toHaveLength(0);
  });

  it('checks its configuration at construction', () => {
    const from = { address: 'no-reply@example.jp' };
    expect(() => createSmtpMailer({ host: '', port: 25, from })).toThrow(TypeError);
    expect(() => createSmtpMailer({ host: 'h', port: 0, from })).toThrow(TypeError);
    expect(() => createSmtpMailer({ host: 'h', port: 25, from: { address: 'a@b, c@d' } })).toThrow(
      TypeError,
    );
    expect(() =>
      createSmtpMailer({ host: 'h', port: 25, from: { name: 'x\r\ny', address: 'a@b.jp' } }),
    ).toThrow(TypeError);
    expect(() => createSmtpMailer({ host: 'h', port: 25, from, socketTimeoutMs: -1 })).toThrow(
      TypeError,
    );
  });
});
