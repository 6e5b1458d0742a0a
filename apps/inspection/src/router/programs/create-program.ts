import { inspectionContract } from "@orgboard/contract-inspection";
import { subjectInScope } from "../../app/access.js";
import { invalid } from "../../app/errors.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import { subjectsInScope } from "../../app/subjects-batch.js";
import { toProgramItemView, toProgramSummary } from "../../app/views.js";
import { isWithin } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.programs.create;

/** A body's yearly inspection and supervision program with its planned items (subject, content, quarter). */
export const createProgramRoute = procedure("inspection.programs.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    ctx.assertCan({ orgPath: input.ownerOrgPath });
    const owner = await subjectInScope(ctx, { kind: "organization", orgPath: input.ownerOrgPath }, "ownerOrgPath");
    const subjects = await subjectsInScope(ctx, input.items.map((i) => i.subject), (i) => `items.${i}.subject`);
    subjects.forEach((s, i) => {
      // A body plans work on its own organization and what lies below it.
      if (!isWithin(s.orgPath, owner.orgPath)) {
        throw invalid(`items.${i}.subject`, "subject_outside_owner", "Đối tượng không thuộc tổ chức đảng của chủ thể chương trình", "The subject is not inside the program owner's organization");
      }
    });
    return ctx.db.$transaction(async (tx) => {
      const clash = await tx.program.findUnique({ where: { ownerOrgPath_ownerKind_year: { ownerOrgPath: owner.orgPath, ownerKind: input.ownerKind, year: input.year } }, select: { id: true } });
      if (clash) throw invalid("year", "program_exists", `Chủ thể này đã có chương trình năm ${input.year}`, `This body already has a program for ${input.year}`);
      const program = await tx.program.create({
        data: { year: input.year, ownerKind: input.ownerKind, ownerOrgPath: owner.orgPath, ownerOrgName: owner.name, title: input.title, createdBy: ctx.principal.subject },
      });
      await tx.programItem.createMany({
        data: input.items.map((item, i) => ({
          programId: program.id,
          position: i + 1,
          subjectKind: subjects[i]!.kind,
          memberId: subjects[i]!.memberId,
          orgId: subjects[i]!.orgId,
          subjectName: subjects[i]!.name,
          subjectOrgPath: subjects[i]!.orgPath,
          subjectStatus: subjects[i]!.status,
          content: item.content,
          quarter: item.quarter,
        })),
      });
      const items = await tx.programItem.findMany({ where: { programId: program.id }, orderBy: { position: "asc" } });
      const view = { ...toProgramSummary(program, { itemCount: items.length, completedCount: 0 }), items: items.map(toProgramItemView) };
      await recordCallerChange(tx, ctx, {
        entity: "Program",
        entityId: program.id,
        orgPath: program.ownerOrgPath,
        after: { year: program.year, ownerKind: program.ownerKind, title: program.title, items: items.length },
        events: [inspectionEvent("inspection.program.created", program.ownerOrgPath, program.id, { programId: program.id, year: program.year, items: items.length })],
      });
      return view;
    });
  });
