// `edgelab export-workflow <lab.yaml> --target argo|kubeflow --image IMAGE --out FILE`: the lab as an Argo Workflow
// or a Kubeflow Pipelines spec whose steps are the same API calls as `edgelab run`'s (`edgelab call`), in a container.
import { Option, type Command } from 'commander';
import { argSchemas, type ArgsIn } from '../../../src-shared/api';
import { runMethod } from '../run';
import { globals } from './args';

export function registerExportWorkflow(program: Command): void {
  program
    .command('export-workflow')
    .description('write a lab spec as an Argo Workflow or a Kubeflow Pipelines (v2 IR) spec running edgelab in a container')
    .argument('<lab.yaml>', 'lab spec')
    .addOption(new Option('--target <engine>', 'workflow engine').choices(argSchemas.exportWorkflow.shape.target.options).makeOptionMandatory())
    .requiredOption('--image <image>', 'container image holding edgelab (see the Dockerfile), e.g. ghcr.io/acme/edgelab:0.1.0')
    .requiredOption('--out <file>', 'YAML file to write')
    .option('--json', 'print the WorkflowExportResult as JSON on stdout')
    .action((spec: string, o: { target: ArgsIn<'exportWorkflow'>['target']; image: string; out: string }, cmd: Command) =>
      runMethod(globals(cmd), 'exportWorkflow', { spec, target: o.target, image: o.image, out: o.out }, (r) => [
        `${r.target === 'argo' ? 'Argo Workflow' : 'Kubeflow pipeline spec'} with ${r.steps} steps written to ${r.out}`,
      ]),
    );
}
