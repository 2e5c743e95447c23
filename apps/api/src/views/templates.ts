import type { z } from 'zod';
import type { TemplateVersionRow, TemplateWithVersion } from '@smsgw/db';
import type { templateSchema, templateVersionSchema } from '../schemas/templates.js';

export function templateVersionView(v: TemplateVersionRow): z.infer<typeof templateVersionSchema> {
  return {
    version: v.version,
    body: v.body,
    variables: v.variables,
    encoding: v.encoding,
    segments: v.segments,
    createdAt: v.createdAt.toISOString(),
  };
}

export function templateView({ template: t, version }: TemplateWithVersion): z.infer<typeof templateSchema> {
  return {
    name: t.name,
    description: t.description,
    latestVersion: t.latestVersion,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: templateVersionView(version),
  };
}
