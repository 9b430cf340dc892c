// README example: send Monban's one-time code mail over real SMTP. A throwaway SMTP server on
// 127.0.0.1 stands in for yours; replace host/port/auth with your provider's.
// Runs as is: `node --import tsx examples/send-over-smtp.ts`.
import type { AddressInfo } from 'node:net';
import { defaultMailTemplates } from '@monban/core';
import { createSmtpMailer } from '@monban/smtp';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    simpleParser(stream).then((mail) => {
      console.log(
        'received:',
        mail.subject,
        '| to:',
        mail.to && 'text' in mail.to ? mail.to.text : '',
      );
      console.log('text part has the code:', mail.text?.includes('048213'));
      console.log('html part has the code:', String(mail.html).includes('048213'));
      done();
    }, done);
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

const mailer = createSmtpMailer({
  host: '127.0.0.1',
  port: (server.server.address() as AddressInfo).port,
  secure: false, // use 465 + secure, or 587 + requireTLS, with a real server
  from: { name: 'KOSMO Web', address: 'no-reply@portal.example.jp' },
  pool: true,
  connectionTimeoutMs: 5_000,
});
const content = defaultMailTemplates.emailOtp(
  { tenantName: '味の素健康保険組合', code: '048213', validMinutes: 5 },
  'ja',
);
await mailer.send({ ...content, to: 'taro@example.jp', tag: 'email-otp' });
mailer.close();
server.close();
