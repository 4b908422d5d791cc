import { Testing } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ServiceRole } from "../../stacks/service-role";
import { onlyResource } from "../support/synth";

const synth = Testing.synthScope(
  (scope) =>
    new ServiceRole(scope, "role", {
      roleName: "hooks-dev-thing",
      service: "states.amazonaws.com",
      statements: [{ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: "arn:aws:lambda:us-east-1:123456789012:function:f" }],
    }),
);

describe("ServiceRole", () => {
  it("is assumable by the one service only", () => {
    expect(synth).toHaveResourceWithProperties(IamRole, { name: "hooks-dev-thing" });
    expect(JSON.parse(onlyResource(synth, "aws_iam_role").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("allows exactly the given statements, in one inline policy on that role", () => {
    const policy = onlyResource(synth, "aws_iam_role_policy");
    expect(policy.role).toMatch(/^\$\{aws_iam_role\.\w+\.id\}$/);
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: "arn:aws:lambda:us-east-1:123456789012:function:f" },
    ]);
  });
});
