/** The reviewer of an auditor response as shown on the manufacturer's side. */
import { ORGANISATION_NOT_STATED, reviewerNameText } from '../../../shared/bundle';

/**
 * Who reviewed: the name and the organisation, each in its own element. A
 * version 1 response (organisation null) says the organisation is not stated.
 */
export function ReviewerIdentityText({ reviewer, organisation }: { reviewer: string; organisation: string | null }) {
  return (
    <span className="reviewer-identity-text">
      <span className="reviewer-name">{reviewerNameText({ reviewer })}</span>
      {organisation === null
        ? <> <span className="reviewer-organisation muted" title={ORGANISATION_NOT_STATED}>(organisation not stated: version 1 response)</span></>
        : <>, <span className="reviewer-organisation">{organisation.trim() || 'organisation not stated'}</span></>}
    </span>
  );
}
