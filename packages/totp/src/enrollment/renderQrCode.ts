import QRCode from 'qrcode';

/** A QR code in the two forms a page can show. */
export interface QrCodeImages {
  /** A standalone `<svg>` document (sharp at any size; inline it or use it as an `<img>` source). */
  svg: string;
  /** A `data:image/png;base64,...` URL. */
  dataUrl: string;
}

/**
 * Renders a key URI as a QR code with `qrcode`: error correction M, the standard quiet zone of
 * four modules, and 6 pixels per module in the PNG (about 400-450 px for a key URI with a
 * Japanese issuer), which a phone camera reads from a PC screen at arm's length. The SVG is
 * 320 px by default and scales without blur.
 *
 * The PNG is encoded by `qrcode`'s Node renderer (pngjs); under a bundler targeting browsers
 * `qrcode` switches to its canvas renderer.
 *
 * @param text - What to encode (normally from {@link buildKeyUri}).
 * @param options.svgWidth - Width and height attributes of the SVG in pixels (default 320).
 * @param options.pixelsPerModule - PNG scale (default 6).
 * @throws TypeError when `text` is not a non-empty string.
 * @example
 * ```ts
 * import { buildKeyUri, renderQrCode } from '@monban/totp';
 *
 * const { svg, dataUrl } = await renderQrCode(buildKeyUri({ issuer: 'Example', account: 'taro01', secret }));
 * // <div innerHTML={svg} /> or <img src={dataUrl} alt="QR code" />
 * ```
 */
export async function renderQrCode(
  text: string,
  options: { svgWidth?: number; pixelsPerModule?: number } = {},
): Promise<QrCodeImages> {
  if (typeof text !== 'string' || text === '') {
    throw new TypeError('renderQrCode: text must be a non-empty string');
  }
  const common = { errorCorrectionLevel: 'M', margin: 4 } as const;
  const [svg, dataUrl] = await Promise.all([
    QRCode.toString(text, { ...common, type: 'svg', width: options.svgWidth ?? 320 }),
    QRCode.toDataURL(text, { ...common, type: 'image/png', scale: options.pixelsPerModule ?? 6 }),
  ]);
  return { svg, dataUrl };
}
