/** `npm start` options: ports from the environment. */
import { describe, expect, it } from 'vitest';
import { portsFromEnv } from '../../../../scripts/local/start';

describe('ports from the environment', () => {
  it('uses the defaults and the variables given', () => {
    expect(portsFromEnv({})).toEqual({ smtp: 2525, http: 3000, dynamodb: 8000, ses: 8005 });
    expect(portsFromEnv({ HTTP_PORT: '3100', SMTP_PORT: '' })).toEqual({
      smtp: 2525,
      http: 3100,
      dynamodb: 8000,
      ses: 8005,
    });
  });

  it.each(['abc', '0', '70000', '30.5', '-1'])('rejects %s naming the variable', (value) => {
    expect(() => portsFromEnv({ SES_PORT: value })).toThrow(/^SES_PORT must be a port number/);
  });
});
