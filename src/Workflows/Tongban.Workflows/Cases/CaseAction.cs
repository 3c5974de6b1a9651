namespace Tongban.Workflows.Cases;

/// <summary>The actions of the route (接件 — 办理 — 办结). Each is an activity a definition wires between states.</summary>
public enum CaseAction
{
    /// <summary>接件: form and identity check at the intake window; opens the case.</summary>
    Intake,

    /// <summary>A hand-off arrived at the receiving jurisdiction's node.</summary>
    Receive,

    /// <summary>通办专员 reviewed completeness and forwards to the registration township.</summary>
    Forward,

    /// <summary>签收: the back office signs for a handed-off case.</summary>
    SignFor,

    /// <summary>受理: accepted for handling.</summary>
    Accept,

    /// <summary>退回补正: returned for correction with one complete list of what is missing.</summary>
    ReturnForCorrection,

    /// <summary>补正后重新提交: the intake window hands in the corrected materials.</summary>
    Resubmit,

    /// <summary>办理: handling starts.</summary>
    Handle,

    /// <summary>办结: approve with a result or reject with a reason.</summary>
    Decide,

    /// <summary>结果交付: the result is delivered to the resident.</summary>
    Deliver,

    /// <summary>好差评: the resident's five-level evaluation.</summary>
    Evaluate,

    /// <summary>归档.</summary>
    Archive,

    /// <summary>视为撤回: a promise (容缺受理) or correction deadline passed; taken by the timer, not by staff.</summary>
    Withdraw,


    // Operations below do not move the case between states; they are journalled like transitions.

    /// <summary>容缺受理: the window hands in materials the applicant had promised.</summary>
    SupplyMaterials,

    /// <summary>中止计时: a special procedure (听证、检验、检测、鉴定、专家评审、现场勘验) starts.</summary>
    StopClock,

    /// <summary>恢复计时: the special procedure ended.</summary>
    ResumeClock,

    /// <summary>延期申请.</summary>
    RequestExtension,

    /// <summary>延期审批: the unit head approves or refuses.</summary>
    DecideExtension,

    // Added with routes as data (appended: the journal stores names, but keep the numbers stable too).

    /// <summary>出具意见: an assisting unit's opinion in a parallel branch (并联办理).</summary>
    GiveOpinion,

    // Taken by the engine, not by staff, when a case reaches a fork, join, decision or timer node of its route.

    /// <summary>并联办理 starts: the assisting branches' tasks open, the case goes on along the lead branch.</summary>
    Fork,

    /// <summary>Every task of the fork is done: the case goes on from the join.</summary>
    Join,

    /// <summary>A decision node takes the edge of the case's fact.</summary>
    Choose,

    /// <summary>A timer node's working days (e.g. 公示) are over.</summary>
    Elapse,

    /// <summary>路线迁移: an administrator's migration plan moved the case to another route version's node.</summary>
    Migrate,
}
