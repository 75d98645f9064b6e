-- disclose 0017: a repeated application names the one it repeats (issue 12,
-- point 4).
--
-- 条例 Art. 36(六): 行政机关已就申请人提出的政府信息公开申请作出答复、申请人
-- 重复申请公开相同政府信息的，告知申请人不予重复处理. The outcome
-- not_processed.duplicate (report row (五)2) is drafted only with the
-- earlier request it repeats (`draft ID --outcome not_processed.duplicate
-- --duplicate-of N`), and the engine refuses it unless N is another request
-- of the same applicant to the same agency that was answered.
--
-- The handler who drafts reads only the requests assigned to them (0012,
-- policy requests_staff_read), and the earlier request was usually handled
-- by someone else. So the check's facts come from this function, run with
-- the writer's rights like dsc_applicant_ordinal (0015), and it answers
-- four booleans, never a column of the earlier request:
--
--   found           request `earlier` exists (ids are one sequence, so its
--                   existence tells nothing of its content)
--   identified      request `request` has an identity number; without one
--                   the applicant cannot be identified and no application
--                   can be shown to be theirs (the same reasoning as 0015:
--                   the same applicant is the same identity number, never
--                   the same name — docs/statutes.md D14, D32)
--   same_applicant  `earlier` is another application to the same agency
--                   with the same identity number (resident identity
--                   number or unified social credit code, upper-cased at
--                   intake)
--   answered        and it had been answered (state answered or
--                   published) by the day `request` was received: the
--                   article's order, 已作出答复 then 重复申请 — two
--                   applications crossing in the post are both answered;
--                   false for another applicant's request, whose state is
--                   none of the asker's business
--
-- It answers only to someone who may read `request` itself (the condition
-- of requests_staff_read, restated: row security does not apply to the
-- owner the function runs as), and otherwise returns no row, so that a
-- handler cannot probe with requests of other handlers. The engine reads
-- it in the same transaction as the request it drafts. What it checks does
-- not change afterwards: an identity number never changes (0012,
-- dsc_guard_request) and an answered request stays answered or published.
--
-- The outcome's rule is the engine's, like the one of
-- unavailable.still_unclear; the database's transition table is unchanged.

CREATE FUNCTION dsc_duplicate_of(request bigint, earlier bigint)
RETURNS TABLE (found boolean, identified boolean, same_applicant boolean,
               answered boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT e.id IS NOT NULL,
         r.applicant_id_number IS NOT NULL,
         coalesce(same, false),
         coalesce(same AND e.state IN ('answered', 'published')
                       AND e.answered_on <= r.received_on, false)
    FROM requests r
    LEFT JOIN requests e ON e.id = $2
    CROSS JOIN LATERAL (SELECT e.id <> r.id
                           AND e.agency_id = r.agency_id
                           AND e.applicant_id_number = r.applicant_id_number
                           AS same) s
   WHERE r.id = $1
     AND (r.assignee = session_user OR NOT dsc_reads_only_assigned())
$$;
ALTER FUNCTION dsc_duplicate_of(bigint, bigint) OWNER TO disclose_writer;
REVOKE ALL ON FUNCTION dsc_duplicate_of(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_duplicate_of(bigint, bigint) TO disclose_staff,
  disclose_app;
