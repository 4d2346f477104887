// One colour and one label per finding category; underlines, cards and the bar all use these.
const CATEGORIES = {
  dismissive: ['#d93025', 'Dismissive'],
  'non-apology': ['#e8590c', 'Non-apology'],
  'vague-apology': ['#e8590c', 'Vague apology'],
  placeholder: ['#d93025', 'Unfilled blank'],
  shouting: ['#c2255c', 'Shouting'],
  'missing-apology': ['#7048e8', 'No apology'],
  'missing-contact': ['#1c7ed6', 'No direct contact'],
  'missing-acknowledgement': ['#7048e8', 'No acknowledgement'],
  'missing-ownership': ['#7048e8', 'No ownership'],
  'missing-next-step': ['#1c7ed6', 'No next step'],
  'missing-thanks': ['#0ca678', 'No thanks'],
  'too-long': ['#f08c00', 'Too long'],
  grammar: ['#2f9e44', 'Grammar'],
  spelling: ['#2f9e44', 'Spelling'],
  style: ['#868e96', 'Style'],
};
const FALLBACK = ['#868e96', 'Note'];

export function categoryColor(category) {
  return (CATEGORIES[category] ?? FALLBACK)[0];
}

export function categoryLabel(category) {
  return CATEGORIES[category]?.[1] ?? category ?? FALLBACK[1];
}

/** Highlight-registry name for a category (CSS Custom Highlight API). */
export function highlightName(category) {
  return `tactful-${CATEGORIES[category] ? category : 'other'}`;
}

/** ::highlight() rules for every category; injected once into the page's styles. */
export function highlightCss() {
  const rule = (name, color) =>
    `::highlight(${name}){text-decoration:underline wavy ${color};text-decoration-thickness:1.5px;` +
    `text-underline-offset:3px;background-color:${color}1f}`;
  return [...Object.entries(CATEGORIES).map(([name, [color]]) => rule(`tactful-${name}`, color)),
    rule('tactful-other', FALLBACK[0])].join('\n');
}
