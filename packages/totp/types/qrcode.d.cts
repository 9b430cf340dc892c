/**
 * The part of `qrcode` (1.5) that `src/` uses, declared here so that type-checking `src/` does
 * not load `@types/qrcode`, whose `/// <reference types="node" />` would make Node globals
 * compile in this runtime-agnostic package. qrcode is CommonJS, hence `export =` and a default
 * import (STYLE.md: `"types": []`). Mapped by `paths` in
 * `tsconfig.json`; the signatures match `@types/qrcode` 1.5.5 and qrcode's README.
 */
declare namespace QRCode {
  type QRCodeErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';

  /** Rendering options shared by `toString` and `toDataURL`. */
  interface QRCodeRenderOptions {
    errorCorrectionLevel?: QRCodeErrorCorrectionLevel;
    margin?: number;
    scale?: number;
    width?: number;
    color?: { dark?: string; light?: string };
  }

  /** Returns the QR code as an SVG document (`type: 'svg'`). */
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the module's real export name.
  function toString(text: string, options: QRCodeRenderOptions & { type: 'svg' }): Promise<string>;

  /** Returns the QR code as a `data:image/png;base64,...` URL. */
  function toDataURL(
    text: string,
    options: QRCodeRenderOptions & { type?: 'image/png' },
  ): Promise<string>;
}

export = QRCode;
