/**
 * S11: the manual's top level of the consultation summary ([002] 3.3.7-3.3.8:
 * 售前咨询, 售后咨询, 售后投诉, 需求建议, 其他问题, "更多..."), as data: a shop
 * applies it with SeedDefaultCategories, or builds its own with AddCategory.
 */
export interface DefaultCategory {
  readonly categoryId: string;
  readonly name: string;
}

export const defaultSummaryCategories: readonly DefaultCategory[] = [
  { categoryId: 'pre-sale', name: '售前咨询' },
  { categoryId: 'after-sale', name: '售后咨询' },
  { categoryId: 'complaint', name: '售后投诉' },
  { categoryId: 'suggestion', name: '需求建议' },
  { categoryId: 'other', name: '其他问题' },
];
