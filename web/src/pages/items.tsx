import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { NarrativeItem, ReportSummary, ReportTemplateView } from '../api-types.js';
import { canEditUnit, hasRole, useApp } from '../app-context.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { periodLabel, useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { createReport, reportForPeriod } from '../reports.js';
import { navigate, useRoute } from '../router.js';
import { flattenSections, sectionTitle } from '../template.js';
import { useAsync } from '../use-async.js';

function ItemRow({
  item,
  index,
  count,
  editable,
  busy,
  onSave,
  onMove,
  onDelete,
}: {
  item: NarrativeItem;
  index: number;
  count: number;
  editable: boolean;
  busy: boolean;
  onSave: (changes: { text?: string; kind?: 'result' | 'plan' }) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  useEffect(() => setText(item.text), [item.text]);
  const textId = `item-text-${item.id}`;
  return (
    <li class={`item kind-${item.kind}`} data-item={item.id}>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSave({ text });
            setEditing(false);
          }}
        >
          <label for={textId} class="visually-hidden">
            {t('itemText')}
          </label>
          <textarea id={textId} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" disabled={busy || !text.trim()}>
            {t('save')}
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            {t('cancel')}
          </button>
        </form>
      ) : (
        <p>
          {item.kind === 'plan' && <span class="badge">{t('kindPlan')}</span>} {item.text}
        </p>
      )}
      {editable && !editing && (
        <div class="item-actions">
          <button
            type="button"
            class="secondary move-up"
            aria-label={`${t('moveUpLabel')} ${index + 1}`}
            disabled={busy || index === 0}
            onClick={() => onMove(-1)}
          >
            ↑ {t('moveUp')}
          </button>
          <button
            type="button"
            class="secondary move-down"
            aria-label={`${t('moveDownLabel')} ${index + 1}`}
            disabled={busy || index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓ {t('moveDown')}
          </button>
          <label class="inline">
            <input
              type="checkbox"
              checked={item.kind === 'plan'}
              disabled={busy}
              onChange={(e) => onSave({ kind: e.currentTarget.checked ? 'plan' : 'result' })}
            />
            {t('isPlan')}
          </label>
          <button type="button" class="secondary" disabled={busy} onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
          <button type="button" class="danger" disabled={busy} onClick={onDelete}>
            {t('delete')}
          </button>
        </div>
      )}
    </li>
  );
}

export function ItemsPage() {
  const { orgId, periodId, session } = useApp();
  const { t, lang } = useI18n();
  const route = useRoute();
  const reportParam = route.query.get('report');
  const base = useAsync(async () => {
    const [template, report] = await Promise.all([
      api<ReportTemplateView>('GET', orgPath(orgId, '/template')),
      reportParam
        ? api<ReportSummary>('GET', orgPath(orgId, `/reports/${encodeURIComponent(reportParam)}`))
        : reportForPeriod(orgId, periodId),
    ]);
    return { template, report };
  }, [orgId, periodId, reportParam]);
  const report = base.data?.report ?? null;
  const itemsPath = report ? orgPath(orgId, `/reports/${encodeURIComponent(report.id)}/items`) : null;
  const items = useAsync(
    async () => (itemsPath ? listOf<NarrativeItem>(await api('GET', itemsPath), 'items') : []),
    [itemsPath],
  );
  const sections = useMemo(
    () => (base.data ? flattenSections(base.data.template.sections) : []),
    [base.data],
  );
  const own = sections.find((s) => s.unit && canEditUnit(session, s.unit) && !hasRole(session, 'office'));
  const sectionKey = route.query.get('section') ?? own?.key ?? sections.find((s) => s.depth > 0)?.key ?? '';
  const section = sections.find((s) => s.key === sectionKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [newText, setNewText] = useState('');
  const [newPlan, setNewPlan] = useState(false);
  const [focus, setFocus] = useState<{ id: string; selector: string } | null>(null);

  useEffect(() => {
    // Buttons are disabled while a change is on its way, which drops focus; restore it once they are usable.
    if (!focus || busy || items.loading) return;
    const target = document.querySelector<HTMLElement>(
      `[data-item="${CSS.escape(focus.id)}"] ${focus.selector}`,
    );
    // A move button at the list's edge is disabled: fall back to its sibling so focus stays on the item.
    const usable =
      target && !(target as HTMLButtonElement).disabled
        ? target
        : target?.parentElement?.querySelector('button:not([disabled])');
    (usable as HTMLElement | null | undefined)?.focus();
    setFocus(null);
  }, [items.data, items.loading, busy]);

  if (base.loading && !base.data) return <Loading />;
  if (base.error) return <ErrorMessage error={base.error} onRetry={base.reload} />;

  if (!report) {
    const create = async () => {
      setBusy(true);
      try {
        await createReport(orgId, periodId);
        base.reload();
      } catch (err) {
        setError(err as Error);
      } finally {
        setBusy(false);
      }
    };
    return (
      <section class="content">
        <h2>{t('items')}</h2>
        <p>{t('noReport')}</p>
        {hasRole(session, 'office') && (
          <button type="button" onClick={create} disabled={busy}>
            {t('createReport')} — {periodLabel(lang, periodId)}
          </button>
        )}
        {error && <ErrorMessage error={error} />}
      </section>
    );
  }

  const sectionItems = (items.data ?? [])
    .filter((item) => item.sectionKey === sectionKey)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const editable = section ? canEditUnit(session, section.unit) && report.status === 'draft' : false;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      items.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const add = (event: Event) => {
    event.preventDefault();
    if (!itemsPath || !newText.trim()) return;
    run(async () => {
      await api('POST', itemsPath, { sectionKey, kind: newPlan ? 'plan' : 'result', text: newText.trim() });
      setNewText('');
      setNewPlan(false);
    });
  };

  const move = (index: number, delta: -1 | 1) => {
    if (!itemsPath) return;
    const ids = sectionItems.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    setFocus({ id: moved!, selector: delta < 0 ? '.move-up' : '.move-down' });
    // Show the new order at once; the reload confirms it from the server.
    items.setData(
      (items.data ?? []).map((item) => {
        const at = ids.indexOf(item.id);
        return at >= 0 ? { ...item, position: at } : item;
      }),
    );
    run(() => api('POST', `${itemsPath}/reorder`, { sectionKey, itemIds: ids }));
  };

  return (
    <div class="with-sidebar">
      <nav class="sidebar" aria-label={t('section')}>
        <ul>
          {sections.map((s) => (
            <li key={s.key} style={{ paddingLeft: `${s.depth * 0.75}rem` }}>
              <a
                href={`#/items?section=${s.key}${reportParam ? `&report=${encodeURIComponent(reportParam)}` : ''}`}
                aria-current={s.key === sectionKey ? 'page' : undefined}
                class={canEditUnit(session, s.unit) ? 'own' : 'other'}
              >
                {s.path && <span class="muted">{s.path} </span>}
                {sectionTitle(s, lang, report.periodId)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="content" aria-labelledby="items-title">
        <h2 id="items-title">{section ? sectionTitle(section, lang, report.periodId) : t('items')}</h2>
        <p class="muted">
          {periodLabel(lang, report.periodId)} ·{' '}
          <a href={`#/reports/${encodeURIComponent(report.id)}`}>{t('reports')}</a>
        </p>
        {error && <ErrorMessage error={error} />}
        {items.loading && !items.data && <Loading />}
        {items.error && <ErrorMessage error={items.error} onRetry={items.reload} />}
        {sectionItems.length === 0 && !items.loading && <p class="muted">{t('noItems')}</p>}
        <ol class="items">
          {sectionItems.map((item, index) => (
            <ItemRow
              key={item.id}
              item={item}
              index={index}
              count={sectionItems.length}
              editable={editable}
              busy={busy}
              onSave={(changes) =>
                run(() => api('PATCH', `${itemsPath}/${encodeURIComponent(item.id)}`, changes))
              }
              onMove={(delta) => move(index, delta)}
              onDelete={() => {
                // An item is a paragraph someone wrote: deleting it asks first, there is no undo.
                const shown = item.text.length > 80 ? `${item.text.slice(0, 77)}…` : item.text;
                if (!window.confirm(t('itemConfirmDelete', { text: shown }))) return;
                void run(() => api('DELETE', `${itemsPath}/${encodeURIComponent(item.id)}`));
              }}
            />
          ))}
        </ol>
        {editable && (
          <form class="add-item" onSubmit={add}>
            <label for="new-item">{t('newItemText')}</label>
            <textarea
              id="new-item"
              rows={3}
              value={newText}
              onInput={(e) => setNewText(e.currentTarget.value)}
            />
            <label class="inline">
              <input
                type="checkbox"
                checked={newPlan}
                onChange={(e) => setNewPlan(e.currentTarget.checked)}
              />
              {t('isPlan')}
            </label>
            <button type="submit" disabled={busy || !newText.trim()}>
              {t('addItem')}
            </button>
          </form>
        )}
        {section && !editable && (
          <p class="notice">{report.status === 'draft' ? t('readOnlySection') : t('reportNotDraft')}</p>
        )}
        {!section && sections.length > 0 && (
          <button type="button" onClick={() => navigate(`#/items?section=${sections[0]!.key}`)}>
            {t('open')}
          </button>
        )}
      </section>
    </div>
  );
}
