// Templates and references: a value that is filled in at run time (or names
// where the secret lives) is not a hardcoded secret. Only a WELL-FORMED
// interpolation counts: `${NAME}`, `$(cmd)`, `{{ .x }}`, `{{x}}`, `#{…}`,
// `%(name)s`, `<NAME>`. A random value that merely contains `$` or `{`
// (`m{{h}o)p${e]nob…`) is still a literal.

/** Each matches one well-formed interpolation (anywhere in the value). */
const INTERPOLATIONS: readonly RegExp[] = [
  /\$\{[A-Za-z_][\w.-]*(?:(?::?[-=?+]|:)[^{}]*)?\}/, // ${VAR}, ${VAR:-default}, ${a.b}
  /\$\{\{[^{}]*\}\}/, // ${{ secrets.X }} (GitHub Actions)
  /\{\{-?\s*[\w.$][\w.$ |:'"()[\]-]*-?\}\}/, // {{ .Values.x }}, {{x}}, {{ x | default "" }}
  /\{%[^%]*%\}/, // {% jinja %}
  /#\{[^{}]+\}/, // #{ruby}
  /%\([A-Za-z_]\w*\)[sdr]/, // %(name)s
  /%\{[A-Za-z_]\w*\}/, // %{name} (Ruby i18n, Rails)
  /\$\([A-Za-z_][^()]*\)/, // $(cmd), $(VAR) in Make
  /<%=?[^%]*%>/, // <%= erb %>
  /@\{[\w.]+\}/, // @{var} (Robot Framework, PowerShell)
  /\$[A-Za-z_]\w*\$/, // $VAR$ (some CI systems)
  /\{\$[A-Za-z_]\w*(?::[^{}]*)?\}/, // {$VAR}, {$VAR:default} (Caddyfile)
  /\{env\.[A-Za-z_]\w*\}/, // {env.VAR} (Caddy)
  /%env\((?:[\w-]+:)*[A-Za-z_]\w*\)%/ // %env(DATABASE_URL)%, %env(resolve:X)% (Symfony)
]

/** Whole-value references: the value names a variable or a stand-in. */
const WHOLE_REFERENCES: readonly RegExp[] = [
  /^\$[A-Za-z_][\w]*$/, // $VAR
  /^\$\{?[A-Za-z_][\w]*\}?$/, // ${VAR}
  /^%[A-Za-z_][\w]*%$/, // %VAR% (Windows)
  /^\$env:[A-Za-z_]\w*$/i, // PowerShell
  /^\{env\}[A-Za-z_]\w*$/, // {env}VAR (hacdias/webdav, rclone-style configs)
  /^<[^<>]{1,80}>$/, // <TOKEN>, <your token>
  /^\[[A-Za-z][\w .-]{0,40}\]$/, // [password]
  /^\{[A-Za-z_][\w.]{0,40}\}$/, // {name}: str.format / template field
  /^\{\d{1,2}\}$/, // {0}
  /^:[A-Za-z_]\w*$/, // :symbol (Ruby), :name (SQL bind)
  /^%s$|^%[dv]$|^\?$/ // printf / bind placeholders
]

/** True when the value is (or contains) a well-formed template interpolation. */
export function isTemplate(value: string): boolean {
  if (!/[${%<#@]/.test(value)) return false
  for (const pattern of INTERPOLATIONS) if (pattern.test(value)) return true
  for (const pattern of WHOLE_REFERENCES) if (pattern.test(value)) return true
  return false
}

/** Whole-value variable references only (`$VAR`, `${VAR}`, `${VAR:-x}`, concatenations of them). */
export function isOnlyVariables(value: string): boolean {
  return /^(?:\$\{[A-Za-z_][\w]*(?::?[-=?+][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|[-_./:@])+$/.test(
    value
  )
}
