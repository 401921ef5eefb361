// Builds static/css/nlds.css: the NL Design System component CSS the portal uses (the
// @utrecht/*-css and @nl-design-system-candidate/*-css packages pinned in package.json),
// with every selector no template uses removed, then the default theme (static/css/tokens.css)
// and our own components (static/css/components/*.css), minified. The output is committed, so `make run`, CI
// and the image need no Node; tests/test_nlds_css.py fails when it is out of date.
//   node tools/build_css.mjs           write static/css/nlds.css
//   node tools/build_css.mjs --check   exit 1 when the committed file differs
//   node tools/build_css.mjs --reference FILE   write the build without the token passes
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";
import { transform } from "lightningcss";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "static/css/nlds.css");
const COMPONENTS = join(ROOT, "static/css/components");

// Where class names are written: every template, the Python code (forms' css_class,
// template tags) and our JavaScript.
const CONTENT = [
  "templates/**/*.html",
  "*/templates/**/*.html",
  "ghnt_portal/**/templates/**/*.html",
  "ghnt_portal/**/*.py",
  "programmes/**/*.py",
  "governance/**/*.py",
  "actions/**/*.py",
  "monitoring/**/*.py",
  "static/js/*.js",
];
// Classes a template builds from a value ("utrecht-status-badge--{{ tone }}").
const SAFELIST = [
  /^utrecht-status-badge--(success|warning|danger|neutral|active|inactive)$/,
  /^utrecht-alert--(info|ok|warning|error)$/,
];

// Browsers of the last years: logical properties and :is() stay as written.
const TARGETS = { chrome: 105 << 16, firefox: 105 << 16, safari: 16 << 16 };

const SKIP = new Set(["node_modules", ".venv", ".git", "staticfiles", "media", "artifacts", "tests"]);

// The project's files that `keep` accepts, outside the folders in SKIP (and `skipAlso`).
function projectFiles(keep, skipAlso = [], dir = ROOT) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return SKIP.has(entry.name) || skipAlso.includes(entry.name) ? [] : projectFiles(keep, skipAlso, path);
    }
    return keep(path) ? [path] : [];
  });
}

function templateFiles() {
  return projectFiles((path) => path.endsWith(".html") && path.includes("/templates/"));
}

async function templateStyles() {
  return templateFiles().flatMap((f) => readFileSync(f, "utf8").match(/style="[^"]*"/g) || []);
}

// A link that looks like a button (`utrecht-button-link--primary-action`) gets the button's own
// rules instead of a second copy of them (@utrecht/button-link-css repeats the button's 17 KB):
// every selector naming .utrecht-button(--*) is repeated with .utrecht-button-link(--*).
const BUTTON = /\.utrecht-button(?=--|[^A-Za-z0-9_-]|$)/g;
const HAS_BUTTON = /\.utrecht-button(?=--|[^A-Za-z0-9_-]|$)/;

function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  return [...parts, text.slice(from)];
}

function withButtonLinks(css) {
  const { code } = transform({ filename: "button.css", code: Buffer.from(css), minify: true, targets: TARGETS });
  const text = code.toString();
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) return out + text.slice(i);
    const head = text.slice(i, open);
    if (head.trimStart().startsWith("@") || head.trim() === "") {
      out += head + "{"; // an at-rule: its rules follow
      i = open + 1;
      continue;
    }
    const selectors = splitTopLevel(head.replace(/^}+/, ""));
    const closers = head.match(/^}*/)[0];
    const extra = selectors.filter((sel) => HAS_BUTTON.test(sel)).map((sel) => sel.replace(BUTTON, ".utrecht-button-link"));
    out += closers + [...selectors, ...extra].join(",") + "{";
    const close = text.indexOf("}", open);
    out += text.slice(open + 1, close);
    i = close;
  }
  return out;
}

function packageCss(name) {
  const dir = join(ROOT, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const short = name.split("/")[1].replace(/-css$/, "");
  const candidates = ["dist/index.css", `dist/${short}.css`, meta.main, meta.style].filter(Boolean);
  const file = candidates.map((f) => join(dir, f)).find((f) => f.endsWith(".css") && existsSync(f));
  if (!file) throw new Error(`${name}: no CSS file found`);
  return { name, version: meta.version, license: meta.license, css: readFileSync(file, "utf8") };
}

function copyrights(css) {
  return [...css.matchAll(/Copyright \(c\) [^\n*]+/g)].map((m) => m[0].trim());
}

// The components read many tokens through chains of fallbacks (`var(--a, var(--b, x))`). A custom
// property that nothing declares (no rule here, no token in tokens.css, no style
// attribute in a template) always takes its fallback, so the chain is replaced by that fallback,
// and a component property that nothing reads is dropped. The result computes to
// the same values and is about half the size.
function declaredIn(text) {
  return new Set([...text.matchAll(/(--[A-Za-z0-9_-]+)\s*:/g)].map((m) => m[1]));
}

function matchParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  throw new Error("unbalanced parentheses");
}

// The `var(--name[, fallback])` that starts at `at`: its name, its fallback (null when it has
// none) and the index of its closing parenthesis.
function readVar(css, at) {
  const close = matchParen(css, at + 3);
  const inner = css.slice(at + 4, close);
  const comma = inner.indexOf(",");
  const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  return { name, fallback: comma < 0 ? null : inner.slice(comma + 1), close };
}

function resolveVars(css, declared) {
  let out = "";
  let i = 0;
  for (;;) {
    const at = css.indexOf("var(--", i);
    if (at < 0) return out + css.slice(i);
    const { name, fallback, close } = readVar(css, at);
    out += css.slice(i, at);
    if (fallback !== null && !declared.has(name)) {
      out += resolveVars(fallback.trim(), declared);
    } else if (fallback !== null) {
      out += `var(${name},${resolveVars(fallback, declared)})`;
    } else {
      out += `var(${name})`;
    }
    i = close + 1;
  }
}

// A declaration as minified CSS writes it: after `{` or `;`, up to `;` or `}` (not a selector
// such as `a:hover{`). Groups: the property, its value.
const DECLARATION = /(?<=[{;])(--[A-Za-z0-9_-]+|[a-z-]+):([^;{}]*)(?=[;}])/g;

// Whether a value reads, outside any fallback, a token `isInvalid` accepts with no fallback of its
// own: such a value is invalid at computed-value time, whatever else it holds.
function readsInvalid(value, isInvalid) {
  let i = 0;
  for (;;) {
    const at = value.indexOf("var(--", i);
    if (at < 0) return false;
    const { name, fallback, close } = readVar(value, at);
    if (fallback === null && isInvalid(name)) return true;
    i = close + 1; // a fallback only counts when its token fails, so it is not read here
  }
}

// Tokens that can never hold a value: every declaration of them reads (with no fallback) a token
// nothing declares, or another such token. A component declares many private tokens that way
// (`--_utrecht-button-appearance-color: var(--utrecht-button-primary-action-color)`) for themes
// that set the public one; this portal's themes set only --ghnt-* tokens.
function neverValid(css, elsewhere, declared) {
  const values = new Map();
  for (const text of [css, elsewhere]) {
    for (const m of text.matchAll(/(--[A-Za-z0-9_-]+)\s*:([^;{}]*)/g)) {
      values.set(m[1], [...(values.get(m[1]) || []), m[2]]);
    }
  }
  const never = new Set();
  for (;;) {
    const isInvalid = (name) => !declared.has(name) || never.has(name);
    const found = [...values].filter(([name, vals]) => !never.has(name) && vals.every((v) => readsInvalid(v, isInvalid)));
    if (found.length === 0) return never;
    for (const [name] of found) never.add(name);
  }
}

// Per the CSS Variables spec: a declaration invalid at computed-value time behaves as `unset`,
// and a token that is never valid is as good as undeclared, so its declarations go (a var() of it
// with a fallback then takes the fallback below).
function dropNeverValid(css, elsewhere, declared) {
  const never = neverValid(css, elsewhere, declared);
  const isInvalid = (name) => !declared.has(name) || never.has(name);
  const out = css.replace(DECLARATION, (decl, property, value) => {
    if (property.startsWith("--")) return never.has(property) ? "" : decl;
    if (!readsInvalid(value, isInvalid)) return decl;
    return `${property}:unset${/!important\s*$/.test(value) ? "!important" : ""}`;
  });
  return { css: out, never };
}

function simplify(css, elsewhere) {
  for (;;) {
    let declared = new Set([...declaredIn(css), ...declaredIn(elsewhere)]);
    const dropped = dropNeverValid(css, elsewhere, declared);
    declared = new Set([...declared].filter((name) => !dropped.never.has(name)));
    let next = resolveVars(dropped.css, declared);
    const read = new Set([...(next + elsewhere).matchAll(/var\((--[A-Za-z0-9_-]+)/g)].map((m) => m[1]));
    // A component token (or a private one) that no rule reads is dropped too; the portal's own
    // --ghnt-* tokens stay, whatever reads them.
    next = next.replace(/(--(?:_|utrecht-|nl-)[A-Za-z0-9_-]+)\s*:[^;{}]*;?/g, (decl, name) => (read.has(name) ? decl : ""));
    if (next === css) return css;
    css = next;
  }
}

// A component token the default theme gives a fixed value (declared once, on body, with no
// var() in it, and nowhere else: no other rule, no theme, no style attribute) is written where it
// is read instead. Custom properties are substituted as text where they are used, so the computed
// values stay the same; the body block of tokens and the var() chains that read it shrink.
// The --ghnt-* tokens a theme sets are declared on :root, so they stay custom properties, as does
// every token read outside this file (print.css, templates, Python).
function ruleBlocks(css) {
  // [selector, body] of every innermost rule; at-rules' own headers are skipped.
  const blocks = [];
  let i = 0;
  for (;;) {
    const open = css.indexOf("{", i);
    if (open < 0) return blocks;
    const close = css.indexOf("}", open);
    const next = css.indexOf("{", open + 1);
    if (next >= 0 && next < close) {
      i = open + 1; // an at-rule: its rules follow
      continue;
    }
    const head = css.slice(css.lastIndexOf("}", open) + 1, open);
    blocks.push([head.slice(head.lastIndexOf(";") + 1).trim(), css.slice(open + 1, close)]);
    i = close + 1;
  }
}

function inlineFixedTokens(css, elsewhere, readOutside) {
  const counts = new Map();
  for (const m of (css + "\n" + elsewhere).matchAll(/(--[A-Za-z0-9_-]+)\s*:/g)) {
    counts.set(m[1], (counts.get(m[1]) || 0) + 1);
  }
  // A token declared on :root only (tokens.css and the themes, which set nothing else) has the
  // same value on every element, so `var()` of it may move from body to where body's token is read.
  const belowRoot = declaredIn(elsewhere);
  for (const [selector, body] of ruleBlocks(css)) {
    if (selector !== ":root") for (const name of declaredIn(body)) belowRoot.add(name);
  }
  const sameEverywhere = (value) =>
    [...value.matchAll(/var\((--[A-Za-z0-9_-]+)/g)].every((m) => m[1].startsWith("--ghnt-") && !belowRoot.has(m[1]));
  const values = new Map();
  const readAtRoot = new Set();
  for (const [selector, body] of ruleBlocks(css)) {
    if (/(^|[\s,>])(html|:root)\b/.test(selector)) {
      for (const m of body.matchAll(/var\((--[A-Za-z0-9_-]+)/g)) readAtRoot.add(m[1]);
    }
    if (selector !== "body") continue;
    for (const m of body.matchAll(/(--[A-Za-z0-9_-]+)\s*:([^;]*)/g)) {
      const [, name, value] = m;
      if (readOutside.has(name) || counts.get(name) !== 1 || !sameEverywhere(value)) continue;
      values.set(name, value.trim());
    }
  }
  for (const name of readAtRoot) values.delete(name);
  let out = "";
  let i = 0;
  for (;;) {
    const at = css.indexOf("var(--", i);
    if (at < 0) break;
    const { name, close } = readVar(css, at);
    out += css.slice(i, at);
    if (values.has(name)) {
      // `3px)var(` is two tokens but `3pxvar(` one: keep what is written apart, apart.
      const before = /[^\s,(:]$/.test(out) ? " " : "";
      const after = /^[^\s,;)}!]/.test(css.slice(close + 1, close + 2)) ? " " : "";
      out += before + values.get(name) + after;
      i = close + 1;
    } else {
      out += "var(";
      i = at + 4; // look inside: a fallback may read a fixed token
    }
  }
  out += css.slice(i);
  return out.replace(/(--[A-Za-z0-9_-]+)\s*:[^;{}]*;?/g, (decl, name) => (values.has(name) ? "" : decl));
}

// Tokens read anywhere but in nlds.css itself.
function readOutsideNlds() {
  const sources = projectFiles((path) => /\.(html|py|js)$/.test(path), ["vendor"]);
  const files = [...sources, join(ROOT, "static/css/print.css")];
  const text = files.map((f) => readFileSync(f, "utf8")).join("\n");
  return new Set([...text.matchAll(/var\((--[A-Za-z0-9_-]+)/g)].map((m) => m[1]));
}

function inlineAllFixedTokens(css, elsewhere) {
  const outside = readOutsideNlds();
  for (;;) {
    const next = simplify(inlineFixedTokens(css, elsewhere, outside), elsewhere);
    if (next === css) return css;
    css = next;
  }
}

// `reference`: the same components without the token passes above (simplify, inlineAllFixedTokens),
// that is the rules as the packages publish them, for tests/browser/test_css_equivalence.py to
// check that the passes change no computed style.
export async function build({ reference = false } = {}) {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const names = Object.keys(pkg.dependencies || {}).filter((n) => /^@(utrecht|nl-design-system-candidate)\/.+-css$/.test(n)).sort();
  const packages = names.map(packageCss);
  for (const p of packages) {
    if (p.license !== "EUPL-1.2") throw new Error(`${p.name}: licence ${p.license}, expected EUPL-1.2`);
  }
  const source = packages
    .map((p) => (p.name === "@utrecht/button-css" ? withButtonLinks(p.css) : p.css).replace(/@charset "UTF-8";/g, ""))
    .join("\n");
  const [purged] = await new PurgeCSS().purge({
    content: CONTENT.map((g) => join(ROOT, g)),
    css: [{ raw: source }],
    safelist: { standard: SAFELIST },
    // Classes only: keep every rule on elements and attributes (:is(), [aria-*]).
    defaultExtractor: (text) => text.match(/[A-Za-z0-9_-]+/g) || [],
  });
  const own = readdirSync(COMPONENTS).filter((f) => f.endsWith(".css")).sort();
  // The default theme first (static/css/tokens.css, the file a theme is made from), then ours.
  const tokens = readFileSync(join(ROOT, "static/css/tokens.css"), "utf8");
  // Last, as when it was a stylesheet of its own after this one: the page styles (portal.css).
  const ownCss = [
    tokens,
    ...own.map((f) => `/* components/${f} */\n` + readFileSync(join(COMPONENTS, f), "utf8")),
    readFileSync(join(ROOT, "static/css/portal.css"), "utf8"),
  ].join("\n");
  // Where else tokens are declared: templates' style attributes.
  const elsewhere = (await templateStyles()).join("\n");
  const { code: minified } = transform({
    filename: "nlds.css",
    code: Buffer.from(purged.css + "\n" + ownCss),
    minify: true,
    targets: TARGETS,
  });
  const passed = reference ? minified.toString() : inlineAllFixedTokens(simplify(minified.toString(), elsewhere), elsewhere);
  const { code } = transform({
    filename: "nlds.css",
    code: Buffer.from(passed),
    minify: true,
    targets: TARGETS,
  });
  // Each package's notice, grouped by its copyright holders (most packages share theirs).
  const byOwners = new Map();
  for (const p of packages) {
    const owners = [...new Set(copyrights(p.css))].join("; ") || "Copyright (c) Community for NL Design System";
    byOwners.set(owners, [...(byOwners.get(owners) || []), `${p.name} ${p.version}`]);
  }
  const notices = [...byOwners].map(([owners, names]) => ` * ${owners}:\n *   ${names.join(", ")}`);
  const header =
    "/*! nlds.css, generated by tools/build_css.mjs (make css); do not edit.\n" +
    " * NL Design System components, each used under the EUPL-1.2 (https://eupl.eu/1.2/nl/):\n" +
    notices.join("\n") +
    "\n * followed by the default theme (tokens.css), the portal's own components (components/*.css)" +
    "\n * and its page styles (portal.css).\n */\n";
  return header + code.toString() + "\n";
}

const referenceAt = process.argv.indexOf("--reference");
const css = await build({ reference: referenceAt >= 0 });
if (referenceAt >= 0) {
  writeFileSync(process.argv[referenceAt + 1], css);
} else if (process.argv.includes("--check")) {
  const current = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
  if (current !== css) {
    console.error("static/css/nlds.css is out of date: run `make css` and commit it.");
    process.exit(1);
  }
  console.log(`static/css/nlds.css is up to date (${Buffer.byteLength(css)} bytes).`);
} else {
  writeFileSync(OUT, css);
  console.log(`wrote static/css/nlds.css (${Buffer.byteLength(css)} bytes)`);
}
