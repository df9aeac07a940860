import dongxiang from "./builtin/dongxiang.json" with { type: "json" };
import jiangsu from "./builtin/jiangsu.json" with { type: "json" };
import kunshan from "./builtin/kunshan.json" with { type: "json" };
import municipal from "./builtin/municipal.json" with { type: "json" };
import nantong from "./builtin/nantong.json" with { type: "json" };
import national from "./builtin/national.json" with { type: "json" };
import zhejiang from "./builtin/zhejiang.json" with { type: "json" };
import { type ProfileSpec, profileSchema } from "./schema.js";

/** The built-in profiles, validated by the same schema as user files. */
export const BUILTIN_PROFILES: ReadonlyMap<string, ProfileSpec> = new Map(
  [national, jiangsu, municipal, nantong, kunshan, dongxiang, zhejiang].map((raw) => {
    const spec = profileSchema.parse(raw);
    return [spec.id, spec] as const;
  }),
);

export const DEFAULT_PROFILE = "jiangsu";
