import { UsageError } from "../errors.js";
import { message } from "../i18n.js";
import type { Lang } from "../output/labels.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import { accountsNamed, buildScoreCard, renderScoreCard, scoreCardJson } from "../report/scorecard.js";
import type { AuditResult } from "../scoring/result.js";

const NOT_FOUND = {
  zh: (wanted: string) => `--account：备案台账中没有账号ID或名称为“${wanted}”的账号`,
  en: (wanted: string) => `--account: no account with the id or name "${wanted}" in the registry`,
};
const AMBIGUOUS = {
  zh: (wanted: string, list: string) => `--account：名称“${wanted}”对应多个账号（${list}），请改用账号ID`,
  en: (wanted: string, list: string) =>
    `--account: the name "${wanted}" fits several accounts (${list}); give the account id`,
};

/**
 * `check --account ID|名称`: the score card of one account, as text or JSON. An unknown or ambiguous
 * name is a usage error (exit 2, nothing written).
 */
export function accountCardText(
  result: AuditResult,
  profile: ResolvedProfile,
  wanted: string,
  lang: Lang,
  json: boolean,
): { text: string; result: AuditResult } {
  const found = accountsNamed(result, wanted);
  if (found.length === 0)
    throw new UsageError(message("account.not-found", NOT_FOUND.zh(wanted), NOT_FOUND.en(wanted)));
  if (found.length > 1) {
    const ids = found.map((a) => a.accountId);
    throw new UsageError(
      message(
        "account.ambiguous",
        AMBIGUOUS.zh(wanted, ids.join("、")),
        AMBIGUOUS.en(wanted, ids.join(", ")),
      ),
    );
  }
  const account = found[0]!;
  const card = buildScoreCard(account, result, profile);
  const options = {
    lang,
    timezone: result.timezone,
    from: result.from,
    asOf: result.asOf,
    profileName: result.profileName,
  };
  const text = json
    ? `${JSON.stringify(scoreCardJson(card, options), null, 2)}\n`
    : renderScoreCard(card, options);
  // The exit code speaks of the account asked about, not of the whole registry.
  const only = (verdict: string) => (account.verdict === verdict ? 1 : 0);
  const summary = {
    accounts: 1,
    pass: only("pass"),
    fail: only("fail"),
    veto: only("veto"),
    notScored: only("not_scored"),
    findings: account.findings.length,
  };
  return { text, result: { ...result, summary, accounts: [account], units: [], globalFindings: [] } };
}
