// Compiled with `tsc --strict` against the types openapi-typescript generates from the spec
// (make interop). Every line below fails to compile if the node union stops narrowing on `kind`
// or a growing enum stops accepting values the spec does not list.
import type { components } from "./northflank";

type Schemas = components["schemas"];
type Node = Schemas["Node"];

export function steps(node: Node): Node[] {
  if (node.kind === "Workflow") {
    // Narrowed to WorkflowNode: `spec` is a WorkflowSpec, whose `steps` are nodes.
    const workflow: Schemas["WorkflowNode"] = node;
    return workflow.spec?.steps ?? [];
  }
  return [];
}

export function describe(node: Node): string {
  switch (node.kind) {
    case "Workflow":
      return `workflow of ${steps(node).length} steps`;
    case "Build": {
      const build: Schemas["BuildNode"] = node;
      return `build ${build.ref ?? ""}`;
    }
    default:
      // Every other known kind, and a kind Northflank adds later.
      return "another node";
  }
}

// Growing enums take the listed values and any other string.
export const known: Schemas["ReleaseFlowRun"]["status"] = "success";
export const added: Schemas["ReleaseFlowRun"]["status"] = "paused_for_review";
export const policy: Schemas["ReleaseFlowOptions"]["concurrencyPolicy"] = "debounce";
export const build: Schemas["JobBuild"]["status"] = "TELEPORTING";
export const nodeStatus: Schemas["NodeResponse"]["status"] = "beaming";
