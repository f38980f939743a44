// Label Studio's front end 1.4.0 (its prebuilt bundle defines window.LabelStudio). One <Labels> of 4 labels over a
// <Text>; the codings are the task's annotation. The harness opens each article on a fresh page: Label Studio keeps
// one <style> per region across reloads.
import { COLORS, install, loadArticle } from './common.js';

const CONFIG = `<View>
  <Labels name="code" toName="text">
    ${COLORS.map((c, i) => `<Label value="C${i}" background="${c}"/>`).join('')}
  </Labels>
  <Text name="text" value="$text"/>
</View>`;

let ready = false;

install({
  async open(kind) {
    const data = await loadArticle(kind);
    const result = data.codings.map((c, i) => ({
      id: `r${i}`,
      from_name: 'code',
      to_name: 'text',
      type: 'labels',
      value: { start: c.start, end: c.end, text: data.text.slice(c.start, c.end), labels: [`C${c.code % COLORS.length}`] },
    }));
    new window.LabelStudio('label-studio', {
      config: CONFIG,
      interfaces: ['panel', 'controls', 'side-column'],
      user: { id: 1, first_name: 'Bench', last_name: 'Bench', username: 'bench' },
      task: { id: 1, data: { text: data.text }, annotations: [{ id: 1, result }], predictions: [] },
      onLabelStudioLoad: (ls) => {
        const annotation = ls.annotationStore.annotations[0] ?? ls.annotationStore.addAnnotation({ userGenerate: true });
        ls.annotationStore.selectAnnotation(annotation.id);
      },
    });
    ready = true;
  },
  close() {},
  scope: () => document.querySelector('.lsf-richtext__container'),
  ready: () => ready && document.querySelector('.htx-highlight') !== null,
  count: () => document.querySelectorAll('.htx-highlight').length,
  /** Makes C0 the active label, as a user would by clicking it before selecting text. */
  arm() {
    const label = [...document.querySelectorAll('.lsf-label__text')].find((el) => el.textContent.trim() === 'C0');
    (label?.closest('.lsf-label') ?? label)?.click();
  },
});
