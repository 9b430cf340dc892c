import { validateBirthDate } from '@monban/policy';
import { timingSafeEqual } from '../internal/secrets.js';
import type { Kernel } from '../kernel/Kernel.js';
import { guessInFlow, right, wrong } from '../kernel/lockout.js';
import { runStep, type StepInput } from '../kernel/runStep.js';
import { currentStep } from '../machine/transition.js';
import { fail, type Result } from '../result.js';
import type { FlowAnswer } from '../views.js';

/** Today's date `YYYY-MM-DD` (UTC) at `now`. */
export const isoDay = (now: number): string => new Date(now).toISOString().slice(0, 10);

/** First login: checks the birth date, a guess under the lockout budget (R-POL-4, R-ENR-5). */
export function verifyBirthDate(
  kernel: Kernel,
  input: StepInput & { birthDate: string },
): Promise<Result<FlowAnswer>> {
  return runStep(kernel, input, async (loaded) => {
    const parsed = validateBirthDate(String(input.birthDate ?? ''), {
      today: isoDay(kernel.clock.now()),
    });
    if (!parsed.ok) return fail('VALIDATION_FAILED', { issues: parsed.issues });
    if (currentStep(loaded.state) !== 'verify-birthdate') {
      return fail('STEP_NOT_ALLOWED', { step: currentStep(loaded.state) });
    }
    const expected = loaded.account.birthDate ?? '';
    const checked = await guessInFlow(kernel, loaded, 'birthdate', async () =>
      // Both are YYYY-MM-DD; compared without an early exit.
      timingSafeEqual(expected, parsed.value) && expected !== ''
        ? right(true)
        : wrong(fail('BIRTH_DATE_MISMATCH')),
    );
    if ('error' in checked) return checked;
    return { event: { type: 'BIRTHDATE_SUBMITTED', matches: checked.ok } };
  });
}
