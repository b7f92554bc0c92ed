// Local ESLint rules that keep the layers apart (issue 12 item 8). Each import is resolved to a
// path inside the repository first, so `~/portal/x`, `../portal/x` and `../../app/portal/x` are
// the same import to these rules; a bare specifier ("stripe", "node:fs") is a package.
import path from "node:path";

const ROOT = path.dirname(import.meta.dirname);

/** "app/portal/actions/x" for an alias or relative import; null for a package. */
function resolveInRepository(specifier, filename) {
  if (specifier.startsWith("~/")) return path.posix.join("app", specifier.slice(2));
  if (specifier.startsWith(".")) {
    return path
      .relative(ROOT, path.resolve(path.dirname(filename), specifier))
      .split(path.sep)
      .join("/");
  }
  return null;
}

/** "node:fs", "@scope/name" or "name": the package a bare specifier comes from. */
function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const under = (target, folders) => folders.some((folder) => target === folder || target.startsWith(`${folder}/`));

/** Calls `check(sourceNode, specifier)` for every import, re-export and dynamic import. */
function visitImports(check) {
  const visit = (node) => {
    if (node.source && node.source.type === "Literal" && typeof node.source.value === "string") {
      check(node, node.source.value);
    }
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

const importRuleSchema = [
  {
    type: "object",
    properties: {
      // Folders (repository-relative) this file may not import from.
      forbid: { type: "array", items: { type: "string" } },
      // If given, the only folders and packages this file may import from.
      onlyFolders: { type: "array", items: { type: "string" } },
      onlyPackages: { type: "array", items: { type: "string" } },
      // Packages this file may import types from (`import type`): erased at build, no I/O.
      typeOnlyPackages: { type: "array", items: { type: "string" } },
      why: { type: "string" },
    },
    additionalProperties: false,
  },
];

/** One rule implementation, registered under one name per layering rule so they never override each other. */
function importBoundaryRule(description) {
  return {
    meta: {
      type: "problem",
      docs: { description },
      schema: importRuleSchema,
      messages: { forbidden: "{{file}} may not import '{{specifier}}': {{why}}" },
    },
    create(context) {
      const { forbid = [], onlyFolders, onlyPackages, typeOnlyPackages = [], why = description } = context.options[0] ?? {};
      const file = path.relative(ROOT, context.filename).split(path.sep).join("/");
      const report = (node, specifier) => context.report({ node: node.source, messageId: "forbidden", data: { file, specifier, why } });
      return visitImports((node, specifier) => {
        const target = resolveInRepository(specifier, context.filename);
        if (target === null) {
          const typeOnly = node.importKind === "type" || node.exportKind === "type";
          const allowed = onlyPackages === undefined || onlyPackages.includes(packageOf(specifier));
          if (!allowed && !(typeOnly && typeOnlyPackages.includes(packageOf(specifier)))) report(node, specifier);
          return;
        }
        if (under(target, forbid)) return report(node, specifier);
        if (onlyFolders && !under(target, onlyFolders)) report(node, specifier);
      });
    },
  };
}

const isProcessEnv = (node) =>
  node.type === "MemberExpression" &&
  node.object.type === "Identifier" &&
  node.object.name === "process" &&
  !node.computed &&
  node.property.type === "Identifier" &&
  node.property.name === "env";

export default {
  meta: { name: "layering" },
  rules: {
    "domain-is-pure": importBoundaryRule("app/domain is plain TypeScript: it imports only itself and pure libraries, nothing with I/O."),
    "routes-only-from-routes": importBoundaryRule("Only routes import routes/."),
    "no-portal-below-payouts": importBoundaryRule(
      "Nothing below payouts/ imports portal/: the portal builds on payouts, not the other way round.",
    ),
    "no-process-env": {
      meta: {
        type: "problem",
        docs: { description: "Only env.server.ts reads process.env; the rest of app/ calls env()." },
        schema: [],
        messages: { processEnv: "Read configuration through env() in app/env.server.ts, not process.env." },
      },
      create(context) {
        return {
          MemberExpression(node) {
            if (isProcessEnv(node)) context.report({ node, messageId: "processEnv" });
          },
          // const { env } = process
          VariableDeclarator(node) {
            if (node.init?.type !== "Identifier" || node.init.name !== "process" || node.id.type !== "ObjectPattern") return;
            const takesEnv = node.id.properties.some((p) => p.type === "Property" && p.key.type === "Identifier" && p.key.name === "env");
            if (takesEnv) context.report({ node, messageId: "processEnv" });
          },
          // import { env } from "node:process"
          ImportDeclaration(node) {
            if (node.source.value !== "process" && node.source.value !== "node:process") return;
            const takesEnv = node.specifiers.some((s) => s.type === "ImportSpecifier" && (s.imported.name ?? s.imported.value) === "env");
            if (takesEnv) context.report({ node, messageId: "processEnv" });
          },
        };
      },
    },
    "no-ambient-clock": {
      meta: {
        type: "problem",
        docs: { description: "Business time comes from now() in app/lib/clock.server.ts, not new Date() or Date.now()." },
        schema: [],
        messages: {
          ambientClock:
            "Use now() from ~/lib/clock.server for business time. A real-clock timer or duration may say so: `// eslint-disable-next-line layering/no-ambient-clock -- why`.",
        },
      },
      create(context) {
        return {
          NewExpression(node) {
            if (node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length === 0) {
              context.report({ node, messageId: "ambientClock" });
            }
          },
          CallExpression(node) {
            const callee = node.callee;
            if (
              callee.type === "MemberExpression" &&
              callee.object.type === "Identifier" &&
              callee.object.name === "Date" &&
              !callee.computed &&
              callee.property.name === "now"
            ) {
              context.report({ node, messageId: "ambientClock" });
            }
          },
        };
      },
    },
  },
};
