import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `value`, drawn in the browser (the `qrcode` package) as an image with its own alt text. */
export function QrCode({ value, label, size = 220 }: { value: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: size }).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [value, size]);
  return src ? (
    <img className="web-qr" src={src} alt={label} width={size} height={size} data-testid="ticket-qr" />
  ) : (
    <span className="web-qr web-qr--pending" style={{ width: size, height: size }} />
  );
}
