/**
 * Checks real answers against the layer's own OpenAPI document: the operation of the method and
 * path, the response of the status (the operation's success status, else `default`, the error
 * body), and the body against that response's schema with ajv in strict mode. The schemas are
 * closed where the zod schemas are (`additionalProperties: false`), so a field the document
 * does not name, a missing one or a wrong type fails the test that received the answer.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** What the check needs of an answer. */
export interface CheckedAnswer {
  status: number;
  /** `Content-Type` of the answer. */
  contentType: string | null;
  /** The body as sent. */
  text: string;
}

/**
 * Throws when `answer`, received for `method path` (the path below the mount point, tenant
 * segment included where tenants are path segments; query string allowed), is not what the
 * document says.
 */
export type AnswerCheck = (method: string, path: string, answer: CheckedAnswer) => void;

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

interface Operation {
  responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }>;
}

/** A document path (`/{tenant}/settings/factors/{id}`) as a pattern over request paths. */
function pattern(documentPath: string): RegExp {
  const source = documentPath
    .split('/')
    .map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The answer check of one OpenAPI document. */
export function createAnswerCheck(document: Record<string, unknown>): AnswerCheck {
  const doc = document as unknown as OpenApiDocument;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (ref: string): ValidateFunction => {
    const name = ref.replace('#/components/schemas/', '');
    let validate = validators.get(name);
    if (validate === undefined) {
      const schema = doc.components.schemas[name];
      if (schema === undefined) throw new Error(`the document has no schema ${name}`);
      validate = ajv.compile(schema);
      validators.set(name, validate);
    }
    return validate;
  };
  const routes = Object.entries(doc.paths).map(([path, operations]) => ({
    path,
    pattern: pattern(path),
    operations,
  }));

  return (method, path, answer) => {
    const where = `${method} ${path} -> ${answer.status}`;
    const below = path.split('?')[0] as string;
    const route = routes.find(
      (r) => r.pattern.test(below) && r.operations[method.toLowerCase()] !== undefined,
    );
    const responses = route?.operations[method.toLowerCase()]?.responses;
    // No operation (an unknown route, method or tenant): the answer must be an error.
    const response = responses?.[String(answer.status)] ?? responses?.default;
    const ref =
      response?.content['application/json'].schema.$ref ?? '#/components/schemas/ErrorResponse';
    if (answer.status < 400 && ref.endsWith('/ErrorResponse')) {
      throw new Error(`${where}: a success status the document does not declare`);
    }
    if (answer.status >= 400 && !ref.endsWith('/ErrorResponse')) {
      throw new Error(`${where}: an error status the document declares as success`);
    }
    if (!/^application\/json\b/.test(answer.contentType ?? '')) {
      throw new Error(`${where}: Content-Type ${answer.contentType}, not JSON`);
    }
    const validate = validatorOf(ref);
    if (!validate(JSON.parse(answer.text))) {
      throw new Error(
        `${where}: the body does not match ${ref}: ${ajv.errorsText(validate.errors)}\n${answer.text}`,
      );
    }
  };
}
