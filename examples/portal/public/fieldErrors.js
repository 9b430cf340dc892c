// Errors at their field: an API error is split between the inputs it is about (each message
// next to its input, `aria-invalid` and `aria-describedby`) and the form's general alert area.
import { h } from './ui.js';

/**
 * The input an error code is about, by the name of the form's input: the policy's issues
 * (`PASSWORD_TOO_SHORT`...), the engine's own codes (`BIRTH_DATE_MISMATCH`, `CODE_INVALID`...).
 * Several names: the first the form has. Codes that name no input (a wrong user ID or
 * password together, a locked account, an expired flow) stay general.
 */
const FIELDS_BY_CODE = [
  [/^USER_ID_/, ['userId']],
  [/^PASSWORD_CONFIRMATION_MISMATCH$/, ['confirmation']],
  [/^PASSWORD_/, ['password']],
  [/^CURRENT_PASSWORD_INVALID$/, ['currentPassword', 'password']],
  [/^EMAIL_(REQUIRED|INVALID|TOO_LONG|TAKEN)$/, ['email']],
  [/^BIRTH_DATE_/, ['birthDate']],
  [/^DEVICE_NAME_/, ['label']],
  [
    /^(OTP_FORMAT_INVALID|CODE_INVALID|CODE_EXPIRED|TOTP_CLOCK_SKEW|TOTP_CODE_REUSED|RECOVERY_CODE_INVALID)$/,
    ['code'],
  ],
];

/** The API's body field names where the form's input has another name. */
const INPUT_OF_BODY_FIELD = { response: 'code' };

/** The visible input of `form` named `name`, if any. */
function inputNamed(form, name) {
  const input = form.querySelector(`[name="${name}"]`);
  return input && input.type !== 'hidden' && input.type !== 'radio' ? input : null;
}

/** The input of `form` that `issue` (`{ code, field? }`) is about, or null. */
function inputFor(form, issue) {
  if (typeof issue.field === 'string' && issue.field !== '') {
    const input = inputNamed(form, INPUT_OF_BODY_FIELD[issue.field] ?? issue.field);
    if (input) return input;
  }
  const names = FIELDS_BY_CODE.find(([pattern]) => pattern.test(issue.code ?? ''))?.[1] ?? [];
  for (const name of names) {
    const input = inputNamed(form, name);
    if (input) return input;
  }
  return null;
}

/** Removes every field error of `form`. */
export function clearFieldErrors(form) {
  for (const element of form.querySelectorAll('.field-error')) element.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const rest = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '' && !id.endsWith('-error'));
    if (rest.length > 0) input.setAttribute('aria-describedby', rest.join(' '));
    else input.removeAttribute('aria-describedby');
  }
}

/** Shows `messages` under `input`, marked invalid and described by them. */
function showAtField(input, messages, code) {
  const id = `${input.id || input.name}-error`;
  const element = h(
    'div',
    { class: 'field-error', id, 'data-code': code },
    messages.map((message) => h('p', {}, message)),
  );
  input.insertAdjacentElement('afterend', element);
  input.setAttribute('aria-invalid', 'true');
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  input.setAttribute('aria-describedby', [id, ...described].join(' '));
}

/**
 * Shows an API error (`{ code, message, details: { issues } }`) in `form`: each issue about one
 * of its inputs next to that input, the rest in `showGeneral` (the alert area at the top).
 * Focuses the first invalid input. Returns whether any error went to a field.
 */
export function showFormError(form, error, showGeneral) {
  const issues = error?.details?.issues ?? [];
  const items = issues.length > 0 ? issues : [{ code: error?.code, message: error?.message }];
  const atFields = new Map();
  const general = [];
  for (const issue of items) {
    const input = inputFor(form, issue);
    if (input === null) general.push(issue);
    else atFields.set(input, [...(atFields.get(input) ?? []), issue]);
  }
  for (const [input, list] of atFields) {
    showAtField(
      input,
      list.map((issue) => issue.message ?? error.message),
      list[0].code,
    );
  }
  if (general.length > 0) {
    // A validation answer shows the issues left over; any other error its own message.
    const message = general.map((issue) => issue.message).join('\n');
    showGeneral(
      issues.length > 0
        ? { ...error, message, details: { ...error.details, issues: general } }
        : error,
    );
  }
  const inputs = [...form.querySelectorAll('[aria-invalid="true"]')];
  inputs[0]?.focus();
  return inputs.length > 0;
}
