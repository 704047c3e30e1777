import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The finding id cdk-nag's AwsSolutions-IAM5 gives a wildcard resource, e.g.
 * `AwsSolutions-IAM5[Resource::<RawMailBucket.Arn>/inbound/*]`, computed from the same ARN the policy
 * uses, so an acknowledgement names exactly one finding and follows renames and account/region changes.
 * Mirrors cdk-nag's rendering of intrinsics: Ref → <Id>, Fn::GetAtt → <Id.Attr>, Fn::Join joined.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resource))}]`;
}

function flatten(node: unknown): string {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [id, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(id)}.${flatten(attribute)}>`;
    }
    if ('Fn::Sub' in o) return flatten(o['Fn::Sub']);
    if ('Ref' in o) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}
