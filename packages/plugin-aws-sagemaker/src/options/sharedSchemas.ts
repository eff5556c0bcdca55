import { z } from 'zod';

/** An IAM role ARN, with the message a wrong value gets. */
export const roleArnSchema = (message = 'an IAM role ARN') => z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, message);

/** A SageMaker instance type (`ml.*`). */
export const instanceTypeSchema = z.string().regex(/^ml\.[a-z0-9.-]+$/, 'an ml.* instance type');

/** The prefix of generated SageMaker resource names (they allow 63 characters; the rest is model and version). */
export const resourcePrefixSchema = z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,29}$/, 'at most 30 letters, digits and inner hyphens');

/** The class of each probability column of a model's answers, in order (scikit-learn's `classes_`). */
export const classesSchema = z
  .array(z.string().min(1))
  .min(2)
  .refine((c) => new Set(c).size === c.length, 'distinct class names');

/** What an evaluator's answer of one number per row is. */
export const singleValueSchema = z
  .enum(['label', 'score'])
  .default('label')
  .describe(
    "what an answer of one number per row is: the predicted label or value (default), or a binary model's positive-class probability (score; XGBoost's binary:logistic), which with two classes gives both classes' probabilities",
  );

/** Holdout columns an evaluator does not send besides the target. */
export const dropColumnsSchema = z.array(z.string().min(1)).default([]);
