/** fast-check arbitraries shared by the property tests (test-only module). */
import fc from 'fast-check';

/** Any string of any code points, including lone surrogates, controls and full-width forms. */
export const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...'Ａｚ０９＠．－＿　 \t\v\n¥§<>"\'?,@.-_aZ09\ud800\udfff') }),
);

/** Very long inputs (10,000 code units). */
export const hugeString = fc.string({ unit: 'binary', minLength: 10_000, maxLength: 10_000 });
