import { useEffect, useState } from 'react';
import type { ItemMediaView, MediaDisplay } from '../api-types.js';

/** What the page says, in words, where it shows no image. */
const NOT_SHOWN: Record<Exclude<MediaDisplay, 'image'>, string> = {
  absent: 'File not included: only its description was collected, or the file has since been deleted.',
  not_a_picture: 'Not shown in the workspace: only pictures are displayed.',
  outside_data_folder: 'Not shown: the file is kept outside the data folder images are shown from.',
};

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Whether a key press is meant for the page rather than for a field being typed in. */
function forThePage(e: KeyboardEvent): boolean {
  const tag = (e.target as HTMLElement).tagName;
  return !e.ctrlKey && !e.metaKey && !e.altKey && tag !== 'INPUT' && tag !== 'TEXTAREA' && tag !== 'SELECT';
}

/**
 * An item's photos, videos and files. Images arrive blurred and in greyscale, as trust-and-safety
 * consoles show them, so an analyst sees violent imagery only when choosing to: a click reveals
 * one image and hides it again; `v` reveals every image, or hides them all once all are shown.
 */
export function MediaPanel({ media }: { media: ItemMediaView[] }) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const [undecodable, setUndecodable] = useState<ReadonlySet<number>>(new Set());
  const images = media.filter((m) => m.display === 'image' && !undecodable.has(m.id)).map((m) => m.id);
  const toggle = (id: number) =>
    setRevealed((shown) => {
      const next = new Set(shown);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'v' || !forThePage(e)) return;
      setRevealed((shown) => (images.every((id) => shown.has(id)) ? new Set() : new Set(images)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (media.length === 0) return null;
  return (
    <section className="panel" id="media">
      <h2>Media</h2>
      {images.length > 0 && (
        <p className="muted">
          Images are blurred until revealed: click one to reveal or hide it, or press{' '}
          <span className="kbd">v</span> to reveal or hide them all.
        </p>
      )}
      {media.map((m, i) => {
        const shown = revealed.has(m.id);
        const showable = m.display === 'image' && !undecodable.has(m.id);
        return (
          <div className="medium" key={m.id} data-media-id={m.id}>
            {showable ? (
              <div className="medium-view">
                <button
                  type="button"
                  className="medium-frame"
                  aria-pressed={shown}
                  aria-label={shown ? `Hide ${m.kind} ${i + 1}` : `Reveal ${m.kind} ${i + 1}`}
                  onClick={() => toggle(m.id)}
                >
                  <img
                    src={`/api/v1/media/${m.id}/image`}
                    alt={`${m.kind} ${i + 1}${shown ? '' : ', blurred'}`}
                    className={shown ? 'medium-image revealed' : 'medium-image'}
                    onError={() => setUndecodable((s) => new Set(s).add(m.id))}
                  />
                </button>
                <button type="button" className="secondary" onClick={() => toggle(m.id)}>
                  {shown ? 'Hide' : 'Reveal'}
                </button>
              </div>
            ) : (
              <p className="medium-absent">
                {m.display === 'image'
                  ? 'Not shown: the file could not be decoded as an image.'
                  : NOT_SHOWN[m.display]}
              </p>
            )}
            <dl className="medium-facts">
              <dt>Kind</dt>
              <dd>{m.kind}</dd>
              <dt>File</dt>
              <dd>
                <bdi>{m.name}</bdi>
                {m.size !== null ? ` · ${sizeOf(m.size)}` : ''}
              </dd>
              <dt>PDQ</dt>
              <dd>
                {m.pdq ? (
                  <>
                    <code className="hash">{m.pdq.hash}</code> quality {m.pdq.quality}
                  </>
                ) : (
                  'not hashed'
                )}
              </dd>
              <dt>Bank matches</dt>
              <dd>
                {m.matches.length === 0
                  ? 'none'
                  : m.matches.map((x) => (
                      <span key={x.signal_id} className="badge refer">
                        {x.bank} · {x.signal_type} distance {x.distance}
                      </span>
                    ))}
              </dd>
            </dl>
          </div>
        );
      })}
    </section>
  );
}
